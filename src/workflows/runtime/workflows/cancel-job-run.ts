import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  requestRunCancelStep,
  type RequestRunCancelStepInput,
} from "../steps/request-run-cancel"

export const cancelJobRunWorkflowId = "cancel-job-run"

/**
 * "Stop" for a run from the admin or an API key: a queued run is canceled
 * at once (`"canceled"`); a running one is asked to stop at its next batch
 * (`"stopping"`) and ends `canceled` with what it did until then.
 *
 * @example
 * const { result } = await cancelJobRunWorkflow(container).run({
 *   input: { run_id: "aprun_123", actor: "user_123" },
 * })
 */
export const cancelJobRunWorkflow = createWorkflow(
  cancelJobRunWorkflowId,
  (input: RequestRunCancelStepInput) => {
    return new WorkflowResponse(requestRunCancelStep(input))
  }
)
