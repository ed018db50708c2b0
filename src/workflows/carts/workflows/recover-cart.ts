import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  validateCartRecoveryStep,
  type ValidateCartRecoveryStepInput,
} from "../steps/validate-cart-recovery"

export const recoverCartWorkflowId = "recover-cart"

/**
 * `POST /store/autopilot/cart-recovery`: the storefront page of a reminder's
 * recovery link turns the token into the cart to restore, when the cart is
 * of the storefront's sales channels. See {@link validateCartRecoveryStep}.
 *
 * @example
 * const { result } = await recoverCartWorkflow(container).run({
 *   input: { token, sales_channel_ids: ["sc_..."] },
 * })
 */
export const recoverCartWorkflow = createWorkflow(
  recoverCartWorkflowId,
  (input: ValidateCartRecoveryStepInput) => {
    return new WorkflowResponse(validateCartRecoveryStep(input))
  }
)
