import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  dismissPaymentRecoveryStep,
  type DismissPaymentRecoveryStepInput,
} from "../steps/dismiss-payment-recovery"

export const dismissPaymentRecoveryWorkflowId = "dismiss-payment-recovery"

/**
 * The merchant has dealt with a payment recovery: hide it and stop checking.
 *
 * @example
 * await dismissPaymentRecoveryWorkflow(container).run({ input: { id: "aprec_1", actor: "user_1" } })
 */
export const dismissPaymentRecoveryWorkflow = createWorkflow(
  dismissPaymentRecoveryWorkflowId,
  (input: DismissPaymentRecoveryStepInput) => {
    return new WorkflowResponse(dismissPaymentRecoveryStep(input))
  }
)
