import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  readPaymentStatusStep,
  type ReadPaymentStatusStepInput,
} from "../steps/read-payment-status"

export const checkPaymentSessionWorkflowId = "check-payment-session"

/**
 * Reads a payment session's real status at its provider, under the cart's
 * lock. See {@link readPaymentStatusStep}.
 *
 * @example
 * const { result } = await checkPaymentSessionWorkflow(container).run({
 *   input: { payment_session_id: "payses_1", cart_id: "cart_1" },
 * })
 */
export const checkPaymentSessionWorkflow = createWorkflow(
  checkPaymentSessionWorkflowId,
  (input: ReadPaymentStatusStepInput) => {
    return new WorkflowResponse(readPaymentStatusStep(input))
  }
)
