import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { AutopilotEvents } from "../../../runtime/events"
import {
  updatePaymentRecoveryStep,
  type UpdatePaymentRecoveryStepInput,
} from "../steps/update-payment-recovery"

export type RecordPaymentRecoveryWorkflowInput = UpdatePaymentRecoveryStepInput

export const recordPaymentRecoveryWorkflowId = "record-payment-recovery"

/**
 * Records the outcome of a payment check and, when this job turned the cart
 * into an order, emits `autopilot.payment.recovered`
 * (`{ id, order_id, cart_id, payment_session_id }`).
 *
 * @example
 * await recordPaymentRecoveryWorkflow(container).run({
 *   input: { id: "aprec_1", status: "recovered", resolution: "autopilot", order_id: "order_1" },
 * })
 */
export const recordPaymentRecoveryWorkflow = createWorkflow(
  recordPaymentRecoveryWorkflowId,
  (input: RecordPaymentRecoveryWorkflowInput) => {
    const record = updatePaymentRecoveryStep(input)
    when(
      { input },
      ({ input }) =>
        input.status === "recovered" && input.resolution === "autopilot"
    ).then(() => {
      const data = transform({ record }, ({ record }) => ({
        id: record.id,
        order_id: record.order_id,
        cart_id: record.cart_id,
        payment_session_id: record.payment_session_id,
      }))
      emitEventStep({ eventName: AutopilotEvents.PAYMENT_RECOVERED, data })
    })
    return new WorkflowResponse(record)
  }
)
