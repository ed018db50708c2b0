import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"

export type MarkCartDiscountsRemovedStepInput = {
  reminder_ids: string[]
  removed_at: Date
}

export const markCartDiscountsRemovedStepId = "mark-cart-discounts-removed"

/**
 * Cart pruning is done with these reminders' codes (deleted, or kept as
 * the record of the order that used them): `promotion_removed_at` is set,
 * so they are never looked at again. Rollback: cleared again.
 *
 * @example
 * markCartDiscountsRemovedStep({ reminder_ids, removed_at: now })
 */
export const markCartDiscountsRemovedStep = createStep(
  markCartDiscountsRemovedStepId,
  async (input: MarkCartDiscountsRemovedStepInput, { container }) => {
    if (!input.reminder_ids.length) return new StepResponse(0, [])
    await autopilotService(container).updateCartReminders(
      input.reminder_ids.map((id) => ({
        id,
        promotion_removed_at: input.removed_at,
      }))
    )
    return new StepResponse(input.reminder_ids.length, input.reminder_ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await autopilotService(container).updateCartReminders(
      ids.map((id) => ({ id, promotion_removed_at: null }))
    )
  }
)
