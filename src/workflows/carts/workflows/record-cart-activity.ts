import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  recordCartActivityStep,
  type RecordCartActivityStepInput,
} from "../steps/record-cart-activity"

export const recordCartActivityWorkflowId = "record-cart-activity"

/**
 * The cart activity feed: a cart changed (event) or was found by the
 * backfill, so its activity row is written from the cart as it is now.
 *
 * @example
 * await recordCartActivityWorkflow(container).run({ input: { cart_ids: [id] } })
 */
export const recordCartActivityWorkflow = createWorkflow(
  recordCartActivityWorkflowId,
  (input: RecordCartActivityStepInput) => {
    return new WorkflowResponse(recordCartActivityStep(input))
  }
)
