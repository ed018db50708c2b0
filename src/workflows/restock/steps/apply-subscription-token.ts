import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { now } from "../../../runtime/clock"
import { autopilotService } from "../../../runtime/settings"
import { resolveToken } from "../../../runtime/tokens"

export type ApplySubscriptionTokenStepInput = {
  token: string
  action: "confirm" | "unsubscribe"
}

export const applySubscriptionTokenStepId = "apply-subscription-token"

/** The same answer for every bad token: it reveals nothing about what exists. */
const INVALID = "This link is invalid or has expired"

/**
 * Confirms (double opt-in) or unsubscribes the subscription a link's token
 * names. Unknown, expired or mismatched tokens get one INVALID_DATA answer.
 * Confirming twice, or unsubscribing twice, is fine. Rollback: restores the
 * subscription's previous state.
 *
 * @example
 * applySubscriptionTokenStep({ token, action: "unsubscribe" })
 */
export const applySubscriptionTokenStep = createStep(
  applySubscriptionTokenStepId,
  async (input: ApplySubscriptionTokenStepInput, { container }) => {
    const purpose =
      input.action === "confirm" ? "restock_confirm" : "unsubscribe"
    const found = await resolveToken(container, purpose, input.token)
    const service = autopilotService(container)
    const [subscription] = found
      ? await service.listRestockSubscriptions({ id: found.subject_id })
      : []
    if (!subscription) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, INVALID)
    }
    const previous = {
      id: subscription.id,
      status: subscription.status,
      confirmed_at: subscription.confirmed_at,
      unsubscribed_at: subscription.unsubscribed_at,
    }
    const at = now()
    if (input.action === "confirm") {
      if (subscription.status !== "pending_confirmation") {
        return new StepResponse({ status: subscription.status }, null)
      }
      await service.updateRestockSubscriptions({
        id: subscription.id,
        status: "active",
        confirmed_at: at,
      })
      return new StepResponse({ status: "active" }, previous)
    }
    if (subscription.status === "unsubscribed") {
      return new StepResponse({ status: "unsubscribed" }, null)
    }
    await service.updateRestockSubscriptions({
      id: subscription.id,
      status: "unsubscribed",
      unsubscribed_at: at,
    })
    return new StepResponse({ status: "unsubscribed" }, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await autopilotService(container).updateRestockSubscriptions(previous)
  }
)
