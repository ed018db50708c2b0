import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { now } from "../../../runtime/clock"
import { autopilotService } from "../../../runtime/settings"
import { resolveToken } from "../../../runtime/tokens"
import {
  CART_LEAD_PREFIX,
  optOutOfCartReminders,
  undoCartOptout,
} from "../../../shared/cart-optout"

export type ApplySubscriptionTokenStepInput = {
  token: string
  action: "confirm" | "unsubscribe"
}

export const applySubscriptionTokenStepId = "apply-subscription-token"

type Undo =
  | {
      id: string
      status:
        | "pending_confirmation"
        | "active"
        | "notified"
        | "unsubscribed"
        | "expired"
      confirmed_at: Date | null
      unsubscribed_at: Date | null
    }
  | { cart_optout_id: string }
  | null

/** The same answer for every bad token: it reveals nothing about what exists. */
const INVALID = "This link is invalid or has expired"

/**
 * Confirms (double opt-in) or unsubscribes the subscription a link's token
 * names; the unsubscribe link of a cart reminder (its token names a cart
 * lead) unsubscribes that email from cart reminders. Unknown, expired or mismatched tokens get one INVALID_DATA answer.
 * Confirming twice, or unsubscribing twice, is fine. Rollback: restores the
 * subscription's previous state.
 *
 * @example
 * applySubscriptionTokenStep({ token, action: "unsubscribe" })
 */
export const applySubscriptionTokenStep = createStep(
  applySubscriptionTokenStepId,
  async (
    input: ApplySubscriptionTokenStepInput,
    { container }
  ): Promise<StepResponse<{ status: string }, Undo>> => {
    const purpose =
      input.action === "confirm" ? "restock_confirm" : "unsubscribe"
    const found = await resolveToken(container, purpose, input.token)
    const service = autopilotService(container)
    if (
      input.action === "unsubscribe" &&
      found?.subject_id.startsWith(CART_LEAD_PREFIX)
    ) {
      // The unsubscribe link of a cart reminder: one page serves both.
      const optout = await optOutOfCartReminders(container, found.subject_id)
      if (!optout)
        throw new MedusaError(MedusaError.Types.INVALID_DATA, INVALID)
      return new StepResponse(
        { status: "unsubscribed" },
        optout.created ? { cart_optout_id: optout.created } : null
      )
    }
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
        // A signup after an unsubscribe kept it on record until now.
        unsubscribed_at: null,
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
  async (previous: Undo | undefined, { container }) => {
    if (!previous) return
    if ("cart_optout_id" in previous) {
      await undoCartOptout(container, previous.cart_optout_id)
      return
    }
    await autopilotService(container).updateRestockSubscriptions(previous)
  }
)
