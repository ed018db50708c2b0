import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { AutopilotEvents } from "../../../runtime/events"
import {
  createQueuedRunStep,
  type CreateQueuedRunStepInput,
} from "../steps/create-queued-run"

export type RequestJobRunWorkflowInput = CreateQueuedRunStepInput

export const requestJobRunWorkflowId = "request-job-run"

/**
 * "Run now" (or a dry run) from the admin or an API key: queues a run and
 * emits `autopilot.job_run.requested`, which a worker — or this instance in
 * `shared` mode — picks up at once; a job's next tick also picks up any
 * queued run, so a lost event only delays it. Refuses with 409 while the job
 * is already queued or running.
 *
 * @example
 * const { result: run } = await requestJobRunWorkflow(container).run({
 *   input: { job_name: "cart-pruning", dry_run: true, trigger: "manual", actor: "user_123" },
 * })
 */
export const requestJobRunWorkflow = createWorkflow(
  requestJobRunWorkflowId,
  (input: RequestJobRunWorkflowInput) => {
    const run = createQueuedRunStep(input)
    const event = transform({ run }, ({ run }) => ({ id: run.id }))
    emitEventStep({ eventName: AutopilotEvents.JOB_RUN_REQUESTED, data: event })
    return new WorkflowResponse(run)
  }
)
