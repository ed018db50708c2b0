import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  applySubscriptionTokenStep,
  type ApplySubscriptionTokenStepInput,
} from "../steps/apply-subscription-token"

export const applySubscriptionTokenWorkflowId = "apply-subscription-token"

/**
 * The confirm and unsubscribe links: see {@link applySubscriptionTokenStep}.
 *
 * @example
 * await applySubscriptionTokenWorkflow(container).run({ input: { token, action: "confirm" } })
 */
export const applySubscriptionTokenWorkflow = createWorkflow(
  applySubscriptionTokenWorkflowId,
  (input: ApplySubscriptionTokenStepInput) => {
    return new WorkflowResponse(applySubscriptionTokenStep(input))
  }
)
