import os from "node:os"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { JOB_CATALOG, type JobName } from "../catalog/jobs"
import { redactEmails } from "../lib/redact"
import { now } from "./clock"
import { notifyMerchant } from "./notify-merchant"
import { getJobHandler } from "./registry"
import {
  autopilotService,
  blockedReason,
  type EffectiveJobSetting,
  loadEffectiveSetting,
} from "./settings"
import { RunContextImpl, type RunRow } from "./run-context"
import type { RunStatus } from "./types"

/**
 * How long a job lock lives without a heartbeat; a crashed holder is taken
 * over after it.
 */
export const LOCK_TTL_SECONDS = Number(
  process.env.AUTOPILOT_LOCK_TTL_SECONDS || 120
)
/** Heartbeats renew the lock and record progress this often. */
const HEARTBEAT_MS = (LOCK_TTL_SECONDS * 1000) / 4
/** How often a running run looks whether someone asked it to stop. */
export const CANCEL_POLL_MS = Number(
  process.env.AUTOPILOT_CANCEL_POLL_MS || 2000
)

export const INSTANCE = `${os.hostname()}:${process.pid}`

export function jobLockKey(name: JobName): string {
  return `autopilot:job:${name}`
}

export type RunOutcome = {
  runId: string
  status: RunStatus
  /** Why the run did not do its work (lock held, job off, claimed elsewhere). */
  reason?: string
}

/**
 * Executes one queued run: claim it, take the job's lock, check the switch,
 * run the handler, record the outcome, prune the history.
 *
 * Skips (and says why) when another process claimed the run, when another
 * run of the job holds the lock (a manual run goes back to the queue, a
 * scheduled one is canceled; neither keeps a start time), or when the job is
 * switched off or paused (dry runs are allowed then: they change nothing). A
 * handler that throws fails the run; single items that fail only count as
 * item failures.
 */
export async function executeRun(
  container: MedusaContainer,
  runId: string
): Promise<RunOutcome> {
  const service = autopilotService(container)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const locking = container.resolve(Modules.LOCKING)

  const claimed = await service.claimQueuedRun(runId, INSTANCE, now())
  if (!claimed) {
    return { runId, status: "canceled", reason: "claimed by another process" }
  }
  const run = await service.retrieveJobRun(runId)
  const jobName = run.job_name as JobName
  const key = jobLockKey(jobName)

  const locked = await acquireJobLock(container, jobName, runId)
  if (!locked.ok) {
    const requeue = run.trigger !== "schedule"
    // The claim stamped started_at, but this run never started: the ledger
    // keeps only the run that holds the lock inside that span.
    await service.updateJobRuns({
      id: runId,
      status: requeue ? "queued" : "canceled",
      started_at: null,
      finished_at: requeue ? null : now(),
      error: requeue ? null : `skipped: ${locked.reason}`,
    })
    return {
      runId,
      status: requeue ? "queued" : "canceled",
      reason: locked.reason,
    }
  }

  let heartbeat: NodeJS.Timeout | undefined
  let cancelPoll: NodeJS.Timeout | undefined
  try {
    const setting = await loadEffectiveSetting(container, jobName)
    const blocked = blockedReason(setting, now())
    if (blocked && !run.dry_run) {
      await service.updateJobRuns({
        id: runId,
        status: "canceled",
        finished_at: now(),
        error: `not run: ${blocked}`,
      })
      return { runId, status: "canceled", reason: blocked }
    }

    const ctx = new RunContextImpl(container, run, setting)
    heartbeat = setInterval(() => {
      void locking
        .acquire(key, { ownerId: runId, expire: LOCK_TTL_SECONDS })
        .then(() => ctx.flush(true))
        .catch((e: Error) =>
          logger.warn(
            `autopilot: heartbeat of ${jobName} run ${runId} failed: ${redactEmails(e.message)}`
          )
        )
    }, HEARTBEAT_MS)
    heartbeat.unref()
    cancelPoll = setInterval(() => {
      void service
        .listJobRuns(
          { id: runId },
          { select: ["cancel_requested_at"], take: 1 }
        )
        .then(([row]) => {
          if (row?.cancel_requested_at) ctx.requestStop()
        })
        .catch(() => undefined)
    }, CANCEL_POLL_MS)
    cancelPoll.unref()

    let status: RunStatus = "succeeded"
    let error: string | null = null
    try {
      await getJobHandler(jobName)(ctx)
    } catch (e) {
      status = "failed"
      error = (e as Error).message || String(e)
      // Error texts can carry a recipient (a provider's "could not send to …").
      logger.error(
        `autopilot: ${jobName} run ${runId} failed: ${redactEmails(error)}`
      )
    }
    clearInterval(heartbeat)
    heartbeat = undefined
    clearInterval(cancelPoll)
    if (status === "succeeded" && ctx.stoppedOnRequest) {
      status = "canceled"
      error =
        "stopped on request at the end of a batch; what it did until then is kept"
    }
    await finishRun(container, run, setting, ctx, status, error)
    return { runId, status }
  } finally {
    if (heartbeat) clearInterval(heartbeat)
    if (cancelPoll) clearInterval(cancelPoll)
    await locking.release(key, { ownerId: runId }).catch(() => undefined)
  }
}

/**
 * Takes the job's lock for a run. When another run holds it, looks that
 * holder up in the run ledger: a holder whose heartbeat stopped more than a
 * lock lifetime ago has crashed, so its run is marked failed and its lock
 * released (the owner id is its run id), then the lock is taken over. This
 * works the same on the in-memory, postgres and redis locking providers.
 */
async function acquireJobLock(
  container: MedusaContainer,
  jobName: JobName,
  runId: string
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const locking = container.resolve(Modules.LOCKING)
  const key = jobLockKey(jobName)
  const take = () =>
    locking
      .acquire(key, { ownerId: runId, expire: LOCK_TTL_SECONDS })
      .then(() => true)
      .catch(() => false)

  if (await take()) {
    // A lock that expired on its own (in-memory and redis providers) leaves
    // its dead run `running` in the ledger: close it now.
    await buryStaleRuns(container, jobName, runId)
    return { ok: true }
  }
  const { alive } = await buryStaleRuns(container, jobName, runId)
  if (alive) {
    return { ok: false, reason: `run ${alive} of this job is in progress` }
  }
  if (await take()) return { ok: true }
  return { ok: false, reason: "another run of this job holds its lock" }
}

/**
 * Marks failed the runs of a job whose heartbeat stopped more than a lock
 * lifetime ago (their process died) and releases their locks (the owner id
 * is the run id; the postgres provider never lets an expired lock go by
 * itself). Returns a run that is still alive, if any.
 */
async function buryStaleRuns(
  container: MedusaContainer,
  jobName: JobName,
  runId: string
): Promise<{ alive: string | null }> {
  const locking = container.resolve(Modules.LOCKING)
  const service = autopilotService(container)
  const others = await service.listJobRuns(
    { job_name: jobName, status: "running", id: { $ne: runId } },
    { take: 20 }
  )
  const staleBefore = now().getTime() - LOCK_TTL_SECONDS * 1000
  const isStale = (r: (typeof others)[number]) =>
    !r.heartbeat_at || new Date(r.heartbeat_at).getTime() < staleBefore
  for (const dead of others.filter(isStale)) {
    await service.updateJobRuns({
      id: dead.id,
      status: "failed",
      finished_at: now(),
      error: `the process running it (${dead.instance ?? "unknown"}) stopped: no heartbeat since ${
        dead.heartbeat_at ? new Date(dead.heartbeat_at).toISOString() : "start"
      }; taken over by run ${runId}`,
    })
    await locking
      .release(jobLockKey(jobName), { ownerId: dead.id })
      .catch(() => undefined)
  }
  return { alive: others.find((r) => !isStale(r))?.id ?? null }
}

async function finishRun(
  container: MedusaContainer,
  run: RunRow,
  setting: EffectiveJobSetting,
  ctx: RunContextImpl,
  status: RunStatus,
  error: string | null
): Promise<void> {
  const service = autopilotService(container)
  const finishedAt = now()
  await ctx.persistItems()
  await service.updateJobRuns({
    id: run.id,
    status,
    error,
    finished_at: finishedAt,
    heartbeat_at: finishedAt,
    ...ctx.snapshot(),
  })

  // Dry runs say nothing about the job's health.
  if (!run.dry_run) {
    // Re-read: the streak must count runs of other instances too.
    const row = await service.retrieveJobSetting(setting.row.id)
    if (status === "succeeded") {
      await service.updateJobSettings({
        id: row.id,
        last_success_at: finishedAt,
        last_success_run_id: run.id,
        consecutive_failures: 0,
        stale_notified_at: null,
      })
    } else if (status === "failed") {
      // A run stopped on request (canceled) is neither.
      const streak = (row.consecutive_failures ?? 0) + 1
      await service.updateJobSettings({
        id: row.id,
        last_failure_at: finishedAt,
        last_failure_run_id: run.id,
        consecutive_failures: streak,
      })
      const limit = setting.config.pause_after_failures
      if (limit > 0 && streak >= limit && row.enabled) {
        await autoPause(container, setting, run.id, streak, error)
      }
    }
  }

  const fresh = await service.retrieveJobSetting(setting.row.id)
  const options = await service.getOptions()
  await service.pruneJobRuns(
    run.job_name,
    options.runHistoryLimit,
    [fresh.last_success_run_id, fresh.last_failure_run_id].filter(
      (id): id is string => !!id
    )
  )
}

/**
 * Switches a job off after `streak` failed runs in a row, says why, and
 * tells the merchant once for this episode (keyed by the failing run).
 * Switching it back on clears the streak.
 */
async function autoPause(
  container: MedusaContainer,
  setting: EffectiveJobSetting,
  runId: string,
  streak: number,
  error: string | null
): Promise<void> {
  const service = autopilotService(container)
  const reason = `switched off after ${streak} failed runs in a row${
    error ? ` (last error: ${error.slice(0, 300)})` : ""
  }`
  await service.updateJobSettings({
    id: setting.row.id,
    enabled: false,
    source: "admin",
    paused_reason: reason,
    auto_paused_at: now(),
    updated_by: null,
  })
  await service.createJobSettingChanges({
    job_name: setting.name,
    actor: null,
    changes: { enabled: { from: true, to: false, via: "auto-pause" } },
  })
  container
    .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    .warn(`autopilot: ${setting.name} ${reason}`)
  await notifyMerchant(
    container,
    "autopilot.merchant.job_paused",
    `job-paused:${setting.name}:${runId}`,
    {
      subject: `Autopilot switched off "${JOB_CATALOG[setting.name].title}"`,
      job_name: setting.name,
      job_title: JOB_CATALOG[setting.name].title,
      failed_runs: streak,
      last_error: error,
      reason,
    }
  )
}
