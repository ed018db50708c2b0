import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"
import { newDiscountCode } from "../utils/discount"

export type ReserveCartDiscountCodeStepInput = {
  /** The reminder ledger row (cart, step) the code belongs to. */
  reminder_id: string
  /** When a new code stops working. */
  expires_at: Date
}

export type ReservedCartDiscountCode = {
  code: string
  expires_at: Date
  /** The promotion recorded for the code by an earlier attempt, if any. */
  promotion_id: string | null
}

export const reserveCartDiscountCodeStepId = "reserve-cart-discount-code"

/**
 * Picks the code of a reminder step before any promotion exists: the code
 * (and its expiry) the ledger row holds from an earlier attempt, or a new
 * one written there now. So a retry of the step, after a crash anywhere,
 * looks for the promotion of the same code and never makes a second one.
 * Rollback: a code written by this step is cleared again.
 *
 * @example
 * const reserved = reserveCartDiscountCodeStep({ reminder_id, expires_at })
 */
export const reserveCartDiscountCodeStep = createStep(
  reserveCartDiscountCodeStepId,
  async (input: ReserveCartDiscountCodeStepInput, { container }) => {
    const service = autopilotService(container)
    const [row] = await service.listCartReminders({ id: input.reminder_id })
    if (!row) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Cart reminder ${input.reminder_id} was not found`
      )
    }
    if (row.promotion_code) {
      const kept: ReservedCartDiscountCode = {
        code: row.promotion_code,
        expires_at: new Date(row.promotion_expires_at ?? input.expires_at),
        promotion_id: row.promotion_id ?? null,
      }
      return new StepResponse(kept, null)
    }
    const code = newDiscountCode()
    // Workflow inputs arrive serialized: the date may be an ISO string.
    const expiresAt = new Date(input.expires_at)
    await service.updateCartReminders({
      id: row.id,
      promotion_code: code,
      promotion_expires_at: expiresAt,
    })
    const fresh: ReservedCartDiscountCode = {
      code,
      expires_at: expiresAt,
      promotion_id: null,
    }
    return new StepResponse(fresh, row.id)
  },
  async (reminderId, { container }) => {
    if (!reminderId) return
    await autopilotService(container).updateCartReminders({
      id: reminderId,
      promotion_code: null,
      promotion_expires_at: null,
    })
  }
)
