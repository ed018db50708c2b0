import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { sendNotification } from "../../../runtime/notifier"
import { autopilotService } from "../../../runtime/settings"
import { issueToken } from "../../../runtime/tokens"

export type SendRestockConfirmationStepInput = {
  subscription_id: string
  email: string
  active_since: Date | string | null
  variant_id: string
  locale: string | null
  needs_confirmation: boolean
}

export const sendRestockConfirmationStepId = "send-restock-confirmation"

const WEEK = 7 * 24 * 3_600_000

/** What the message shows of the variant: product, variant and image. */
async function variantInfo(container: MedusaContainer, variantId: string) {
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "product_variant",
      fields: ["title", "product.title", "product.thumbnail"],
      filters: { id: variantId },
    })
  const variant = data[0] as
    | {
        title?: string | null
        product?: { title?: string | null; thumbnail?: string | null } | null
      }
    | undefined
  return {
    product_title: variant?.product?.title ?? null,
    variant_title: variant?.title ?? null,
    thumbnail: variant?.product?.thumbnail ?? null,
  }
}

/**
 * Double opt-in: sends the confirmation message with a confirm link and an
 * unsubscribe link (tokens stored as hashes; the confirm link lasts 7 days).
 * Sent once per subscription cycle (idempotency key). Does nothing when no
 * confirmation is needed. The last step: a message cannot be taken back.
 *
 * @example
 * sendRestockConfirmationStep({ subscription_id, email, active_since, variant_id, locale: null, needs_confirmation: true })
 */
export const sendRestockConfirmationStep = createStep(
  sendRestockConfirmationStepId,
  async (input: SendRestockConfirmationStepInput, { container }) => {
    if (!input.needs_confirmation) return new StepResponse({ sent: false })
    const options = await autopilotService(container).getOptions()
    const confirm = await issueToken(
      container,
      "restock_confirm",
      input.subscription_id,
      WEEK
    )
    const unsubscribe = await issueToken(
      container,
      "unsubscribe",
      input.subscription_id,
      null
    )
    const base = options.storefrontUrl.replace(/\/$/, "")
    const outcome = await sendNotification(container, options, {
      name: "autopilot.restock.confirm",
      to: input.email,
      idempotencyKey: `restock-confirm:${input.subscription_id}:${new Date(
        input.active_since ?? 0
      ).toISOString()}`,
      itemId: input.subscription_id,
      resourceId: input.subscription_id,
      resourceType: "restock_subscription",
      data: {
        variant_id: input.variant_id,
        ...(await variantInfo(container, input.variant_id)),
        locale: input.locale,
        confirm_url: `${base}/autopilot/confirm?token=${confirm}`,
        unsubscribe_url: `${base}/autopilot/unsubscribe?token=${unsubscribe}`,
      },
    })
    return new StepResponse({ sent: outcome.status !== "failed" })
  }
)
