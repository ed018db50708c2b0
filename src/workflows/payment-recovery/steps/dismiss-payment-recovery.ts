import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { now } from "../../../runtime/clock"
import { autopilotService } from "../../../runtime/settings"

export type DismissPaymentRecoveryStepInput = {
  id: string
  actor: string | null
}

export const dismissPaymentRecoveryStepId = "dismiss-payment-recovery"

/**
 * Hides a payment recovery from the admin list and stops further checks.
 * NOT_FOUND for an unknown id. Rollback: un-dismisses it.
 *
 * @example
 * dismissPaymentRecoveryStep({ id: "aprec_1", actor: "user_1" })
 */
export const dismissPaymentRecoveryStep = createStep(
  dismissPaymentRecoveryStepId,
  async (input: DismissPaymentRecoveryStepInput, { container }) => {
    const service = autopilotService(container)
    const [record] = await service.listPaymentRecoveries({ id: input.id })
    if (!record) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Payment recovery "${input.id}" does not exist`
      )
    }
    if (record.dismissed_at) {
      return new StepResponse(record, null)
    }
    const updated = await service.updatePaymentRecoveries({
      id: input.id,
      dismissed_at: now(),
      dismissed_by: input.actor,
    })
    return new StepResponse(updated, input.id)
  },
  async (id, { container }) => {
    if (!id) return
    await autopilotService(container).updatePaymentRecoveries({
      id,
      dismissed_at: null,
      dismissed_by: null,
    })
  }
)
