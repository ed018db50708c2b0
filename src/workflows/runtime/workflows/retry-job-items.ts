import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  resetItemRetriesStep,
  type ResetItemRetriesStepInput,
} from "../steps/reset-item-retries"

export const retryJobItemsWorkflowId = "retry-job-items"

/**
 * "Retry now" for failing or given-up items of a job (some, or all): they
 * get one more attempt in the job's next run.
 *
 * @example
 * const { result } = await retryJobItemsWorkflow(container).run({
 *   input: { job_name: "shipment-tracking" },
 * })
 */
export const retryJobItemsWorkflow = createWorkflow(
  retryJobItemsWorkflowId,
  (input: ResetItemRetriesStepInput) => {
    return new WorkflowResponse(resetItemRetriesStep(input))
  }
)
