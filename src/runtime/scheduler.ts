import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { JOB_CATALOG, type JobName } from "../catalog/jobs"
import { dueSlot, intervalMs } from "../catalog/schedule"
import { now } from "./clock"
import { notifyMerchant } from "./notify-merchant"
import { executeRun, type RunOutcome } from "./runner"
import {
  autopilotService,
  blockedReason,
  type EffectiveJobSetting,
  loadEffectiveSetting,
} from "./settings"

/** The Medusa scheduled jobs tick this often and decide whether a job is due. */
export const TICK_MS = Number(process.env.AUTOPILOT_TICK_MS || 30_000)

/**
 * Whether a job that should be running has gone quiet: no success for twice
 * its interval (or twice the tick, for schedules faster than the tick).
 * A job switched off or paused is never stale.
 */
export function isStale(setting: EffectiveJobSetting, at: Date): boolean {
  if (blockedReason(setting, at)) return false
  const since = setting.row.last_success_at ?? setting.row.created_at
  const gap = Math.max(intervalMs(setting.schedule, at), TICK_MS)
  return at.getTime() - new Date(since).getTime() > 2 * gap
}

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
  await raiseStaleAlarm(container, setting, at)
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
  // A slot that came due more than two ticks ago passed while no instance
  // was running it: it runs once now, as a catch-up (or not at all, when
  // catch-up is off for the job: the next slot then runs on time).
  const missed = at.getTime() - slot.getTime() > 2 * TICK_MS
  if (missed && !setting.config.catch_up) {
    return outcomes
  }
  const run = await autopilotService(container)
    .createJobRuns({
      job_name: name,
      trigger: missed ? "catch_up" : "schedule",
      scheduled_for: slot,
      status: "queued",
    })
    .catch(() => null) // the slot was taken by another instance
  if (run) {
    outcomes.push(await executeRun(container, run.id))
  }
  return outcomes
}

/**
 * Tells the merchant once per episode that a job has not succeeded for twice
 * its interval (template `autopilot.merchant.job_stale`). The episode ends
 * with the job's next success, which clears the mark.
 */
async function raiseStaleAlarm(
  container: MedusaContainer,
  setting: EffectiveJobSetting,
  at: Date
): Promise<void> {
  if (!setting.config.stale_alert || setting.row.stale_notified_at) return
  if (!isStale(setting, at)) return
  const since = new Date(setting.row.last_success_at ?? setting.row.created_at)
  const service = autopilotService(container)
  // Claim the episode first, so two instances ticking at once send one alert
  // (the idempotency key below covers the rest).
  await service.updateJobSettings({ id: setting.row.id, stale_notified_at: at })
  await notifyMerchant(
    container,
    "autopilot.merchant.job_stale",
    `job-stale:${setting.name}:${since.toISOString()}`,
    {
      subject: `Autopilot: "${JOB_CATALOG[setting.name].title}" has not succeeded since ${since.toISOString()}`,
      job_name: setting.name,
      job_title: JOB_CATALOG[setting.name].title,
      last_success_at: setting.row.last_success_at ?? null,
      consecutive_failures: setting.row.consecutive_failures ?? 0,
    }
  )
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
