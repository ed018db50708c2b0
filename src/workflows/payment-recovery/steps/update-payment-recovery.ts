import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"

export type UpdatePaymentRecoveryStepInput = {
  id: string
  [field: string]: unknown
}

export const updatePaymentRecoveryStepId = "update-payment-recovery"

/**
 * Writes the outcome of a check to a payment recovery record.
 * Rollback: restores the fields it changed.
 *
 * @example
 * updatePaymentRecoveryStep({ id: "aprec_1", status: "abandoned", reason: "failed at the provider" })
 */
export const updatePaymentRecoveryStep = createStep(
  updatePaymentRecoveryStepId,
  async (input: UpdatePaymentRecoveryStepInput, { container }) => {
    const service = autopilotService(container)
    const before = (await service.retrievePaymentRecovery(input.id)) as Record<
      string,
      unknown
    >
    const previous: UpdatePaymentRecoveryStepInput = { id: input.id }
    for (const key of Object.keys(input)) {
      if (key !== "id") previous[key] = before[key] ?? null
    }
    const updated = await service.updatePaymentRecoveries(input)
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await autopilotService(container).updatePaymentRecoveries(previous)
  }
)
