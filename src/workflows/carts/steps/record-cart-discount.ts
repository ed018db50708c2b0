import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"

export type RecordCartDiscountStepInput = {
  reminder_id: string
  lead_id: string
  code: string
  promotion_id: string
}

export const recordCartDiscountStepId = "record-cart-discount"

/**
 * Writes the promotion of a reminder's code on the ledger row, and the code
 * on the cart's lead (its latest offer). Rollback: both back to what they
 * were.
 *
 * @example
 * recordCartDiscountStep({ reminder_id, lead_id, code, promotion_id })
 */
export const recordCartDiscountStep = createStep(
  recordCartDiscountStepId,
  async (input: RecordCartDiscountStepInput, { container }) => {
    const service = autopilotService(container)
    const [row] = await service.listCartReminders({ id: input.reminder_id })
    const [lead] = await service.listCartLeads({ id: input.lead_id })
    // Checked before any write: a step that fails is not rolled back itself.
    if (!row || !lead) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Cart reminder ${input.reminder_id} or lead ${input.lead_id} was not found`
      )
    }
    await service.updateCartReminders({
      id: input.reminder_id,
      promotion_id: input.promotion_id,
    })
    await service.updateCartLeads({
      id: input.lead_id,
      discount_code: input.code,
    })
    return new StepResponse(input, {
      reminder_id: input.reminder_id,
      promotion_id: row.promotion_id ?? null,
      lead_id: input.lead_id,
      discount_code: lead.discount_code ?? null,
    })
  },
  async (previous, { container }) => {
    if (!previous) return
    const service = autopilotService(container)
    await service.updateCartReminders({
      id: previous.reminder_id,
      promotion_id: previous.promotion_id,
    })
    await service.updateCartLeads({
      id: previous.lead_id,
      discount_code: previous.discount_code,
    })
  }
)
