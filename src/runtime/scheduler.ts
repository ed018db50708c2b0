import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { JobName } from "../catalog/jobs"
import { dueSlot } from "../catalog/schedule"
import { now } from "./clock"
import { executeRun, type RunOutcome } from "./runner"
import {
  autopilotService,
  blockedReason,
  loadEffectiveSetting,
} from "./settings"

/** The Medusa scheduled jobs tick this often and decide here whether a job is due. */
export const TICK_MS = Number(process.env.AUTOPILOT_TICK_MS || 30_000)

/** The slot of the newest scheduled run of a job, or null when it never ran. */
export async function lastScheduledSlot(
  container: MedusaContainer,
  name: JobName
): Promise<Date | null> {
  const [last] = await autopilotService(container).listJobRuns(
    { job_name: name, scheduled_for: { $ne: null } },
    { order: { scheduled_for: "DESC" }, take: 1, select: ["scheduled_for"] }
  )
  return last?.scheduled_for ? new Date(last.scheduled_for) : null
}

/**
 * One tick of a job, called by its Medusa scheduled job: runs the requests
 * queued for it (e.g. "run now" sent to a server instance), then its
 * scheduled run when a slot of its stored schedule is due and it is switched
 * on and not paused. The slot is recorded with a unique index, so when
 * several instances tick at once exactly one of them runs it.
 */
export async function tickJob(
  container: MedusaContainer,
  name: JobName
): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = []
  outcomes.push(...(await runQueued(container, name)))

  const setting = await loadEffectiveSetting(container, name)
  const at = now()
  if (blockedReason(setting, at)) {
    return outcomes
  }
  const since =
    (await lastScheduledSlot(container, name)) ??
    new Date(setting.row.created_at)
  const slot = dueSlot(setting.schedule, since, at)
  if (!slot) {
    return outcomes
  }
  const run = await autopilotService(container)
    .createJobRuns({
      job_name: name,
      trigger: "schedule",
      scheduled_for: slot,
      status: "queued",
    })
    .catch(() => null) // the slot was taken by another instance
  if (run) {
    outcomes.push(await executeRun(container, run.id))
  }
  return outcomes
}

/** Executes the queued runs of a job, oldest first, one at a time. */
export async function runQueued(
  container: MedusaContainer,
  name: JobName,
  limit = 5
): Promise<RunOutcome[]> {
  const queued = await autopilotService(container).listJobRuns(
    { job_name: name, status: "queued" },
    { order: { created_at: "ASC" }, take: limit }
  )
  const outcomes: RunOutcome[] = []
  for (const run of queued) {
    const outcome = await executeRun(container, run.id)
    outcomes.push(outcome)
    // Still queued: another run holds the lock; the rest wait for it too.
    if (outcome.status === "queued") break
  }
  return outcomes
}

/**
 * The body of each plugin job file: a tick that never throws, since a
 * failing tick would only make Medusa log the same error again.
 */
export function jobTicker(name: JobName) {
  return async function tick(container: MedusaContainer): Promise<void> {
    try {
      await tickJob(container, name)
    } catch (e) {
      container
        .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
        .error(`autopilot: tick of ${name} failed: ${(e as Error).message}`)
    }
  }
}
