import {
  ContainerRegistrationKeys,
  Modules,
  PromotionActions,
} from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { autopilotService } from "../../../runtime/settings"
import type { CartDiscountOutcome } from "../../../types"
import { applyVerdict, type PromotionFacts } from "../utils/discount"

export type ApplyCartDiscountStepInput = { cart_id: string }

export type AppliedCartDiscount = {
  code: string
  outcome: CartDiscountOutcome
  expires_at: string | null
} | null

export const applyCartDiscountStepId = "apply-cart-discount"

type CartRead = {
  id: string
  currency_code: string
  item_subtotal: unknown
  items?: { adjustments?: { code?: string | null }[] | null }[] | null
}

/** What the link does with the cart's code; `applied` when this call applied it. */
async function applyCode(
  container: MedusaContainer,
  cartId: string
): Promise<{
  discount: NonNullable<AppliedCartDiscount>
  applied: boolean
} | null> {
  const input = { cart_id: cartId }
  const offered = await autopilotService(container).listCartReminders(
    { cart_id: input.cart_id, promotion_code: { $ne: null } } as never,
    { order: { step: "DESC" }, take: 1 }
  )
  const row = offered[0]
  if (!row?.promotion_code) return null
  const code = row.promotion_code
  const expiresAt = row.promotion_expires_at
    ? new Date(row.promotion_expires_at).toISOString()
    : null
  const answer = (outcome: CartDiscountOutcome, applied = false) => ({
    discount: { code, outcome, expires_at: expiresAt },
    applied,
  })
  if (row.promotion_removed_at) return answer("removed")

  const [promotion] = await container.resolve(Modules.PROMOTION).listPromotions(
    { code },
    {
      relations: ["campaign", "application_method", "rules", "rules.values"],
      take: 1,
    }
  )
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "cart",
      fields: [
        "id",
        "currency_code",
        "item_subtotal",
        "items.adjustments.code",
      ],
      filters: { id: input.cart_id },
    })
  const cart = data[0] as CartRead | undefined
  if (!cart) return answer("failed")
  const minRule = promotion?.rules?.find(
    (r) => r.attribute === "item_subtotal" && r.operator === "gte"
  )
  const facts: PromotionFacts = promotion
    ? {
        status: String(promotion.status),
        limit: promotion.limit ?? null,
        used: Number(promotion.used ?? 0),
        ends_at: promotion.campaign?.ends_at
          ? new Date(promotion.campaign.ends_at)
          : null,
        currency_code: promotion.application_method?.currency_code ?? null,
        min_subtotal: minRule?.values?.[0]?.value
          ? Number(minRule.values[0].value)
          : null,
      }
    : null
  const codes = (cart.items ?? []).flatMap((i) =>
    (i.adjustments ?? []).map((a) => a.code ?? "")
  )
  const verdict = applyVerdict(
    facts,
    {
      currency_code: cart.currency_code,
      item_subtotal:
        cart.item_subtotal == null ? null : Number(cart.item_subtotal),
      codes,
    },
    code,
    // Medusa ends a campaign by the server's time, not a test clock's.
    new Date()
  )
  if (verdict === "keep") return answer("applied")
  if (verdict !== "apply") return answer(verdict)
  const { result, errors } = await updateCartPromotionsWorkflow(container).run({
    input: {
      cart_id: input.cart_id,
      promo_codes: [code],
      action: PromotionActions.ADD,
    },
    throwOnError: false,
  })
  if (errors?.length) return answer("failed")
  if (result?.skipped_promo_codes?.some((s) => s.code === code)) {
    return answer("used")
  }
  return answer("applied", true)
}

/**
 * The recovery link applies the code of the cart's latest reminder that
 * offered one, with Medusa's `updateCartPromotionsWorkflow` (action `add`).
 * Checked first, against the promotion as the Promotion module has it:
 * a code that is gone, expired, used up, or that this cart cannot use
 * (currency, minimum) is not applied and the outcome says why; Medusa's
 * own refusal is `failed`. Either way the cart is restored: the outcome
 * never fails the link. Null when no reminder of the cart offered a code.
 * Rollback: a code this step applied is removed again.
 *
 * @example
 * const discount = applyCartDiscountStep({ cart_id })
 */
export const applyCartDiscountStep = createStep(
  applyCartDiscountStepId,
  async (input: ApplyCartDiscountStepInput, { container }) => {
    const result = await applyCode(container, input.cart_id)
    return new StepResponse(
      result?.discount ?? null,
      result?.applied
        ? { cart_id: input.cart_id, code: result.discount.code }
        : null
    )
  },
  async (applied, { container }) => {
    if (!applied) return
    await updateCartPromotionsWorkflow(container).run({
      input: {
        cart_id: applied.cart_id,
        promo_codes: [applied.code],
        action: PromotionActions.REMOVE,
      },
    })
  }
)
