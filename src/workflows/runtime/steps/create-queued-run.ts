import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isJobName } from "../../../catalog/jobs"
import { now } from "../../../runtime/clock"
import { LOCK_TTL_SECONDS } from "../../../runtime/runner"
import { autopilotService, ensureJobSettings } from "../../../runtime/settings"
import type { RunTrigger } from "../../../runtime/types"

export type CreateQueuedRunStepInput = {
  job_name: string
  dry_run: boolean
  trigger: Exclude<RunTrigger, "schedule">
  actor: string | null
  /** A one-off run's subject (see the job run's `params`). */
  params?: Record<string, unknown> | null
}

export const createQueuedRunStepId = "create-queued-run"

/**
 * Queues a run of a job for a worker. Refuses with CONFLICT while a run of
 * that job is queued or running (a running run whose heartbeat stopped does
 * not count: its process died), and with NOT_FOUND for an unknown job. The
 * check and the insert happen under a short lock so two requests at once
 * cannot both pass. Rollback: deletes the queued run.
 *
 * @example
 * const run = createQueuedRunStep({ job_name: "cart-pruning", dry_run: true, trigger: "manual", actor })
 */
export const createQueuedRunStep = createStep(
  createQueuedRunStepId,
  async (input: CreateQueuedRunStepInput, { container }) => {
    if (!isJobName(input.job_name)) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Autopilot job "${input.job_name}" does not exist`
      )
    }
    await ensureJobSettings(container)
    const service = autopilotService(container)
    const locking = container.resolve(Modules.LOCKING)
    const run = await locking.execute(
      `autopilot:job-request:${input.job_name}`,
      async () => {
        const active = await service.listJobRuns(
          { job_name: input.job_name, status: ["queued", "running"] },
          { take: 20 }
        )
        const staleBefore = now().getTime() - LOCK_TTL_SECONDS * 1000
        const live = active.find(
          (r) =>
            r.status === "queued" ||
            (r.heartbeat_at &&
              new Date(r.heartbeat_at).getTime() >= staleBefore)
        )
        if (live) {
          throw new MedusaError(
            MedusaError.Types.CONFLICT,
            `Autopilot job "${input.job_name}" is already ${live.status} (run ${live.id})`
          )
        }
        return service.createJobRuns({
          job_name: input.job_name,
          trigger: input.trigger,
          actor: input.actor,
          dry_run: input.dry_run,
          status: "queued",
          params: input.params ?? null,
        })
      },
      { timeout: 10 }
    )
    return new StepResponse(run, run.id)
  },
  async (id, { container }) => {
    if (!id) return
    await autopilotService(container).deleteJobRuns(id)
  }
)
