import os from "node:os"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { JOB_CATALOG, jobDefinition, type JobName } from "../catalog/jobs"
import { redactEmails } from "../lib/redact"
import { now } from "./clock"
import { sendNotification } from "./notifier"
import { notifyMerchant } from "./notify-merchant"
import {
  attemptableItems,
  clearItems,
  type ItemFailure,
  recordItemFailures,
} from "./retry"
import { getJobHandler } from "./registry"
import {
  autopilotService,
  blockedReason,
  type EffectiveJobSetting,
  loadEffectiveSetting,
} from "./settings"
import type {
  NotifyInput,
  RunContext,
  RunCounters,
  RunFailure,
  RunStatus,
  RunSummary,
} from "./types"

/**
 * How long a job lock lives without a heartbeat; a crashed holder is taken
 * over after it.
 */
export const LOCK_TTL_SECONDS = Number(
  process.env.AUTOPILOT_LOCK_TTL_SECONDS || 120
)
/** Heartbeats renew the lock and record progress this often. */
const HEARTBEAT_MS = (LOCK_TTL_SECONDS * 1000) / 4
/** A run stops starting new work after this long, so the next run can take over. */
const DEFAULT_TIME_BUDGET_MS = 10 * 60_000
const MAX_FAILURES_KEPT = 50
const MAX_SAMPLE_IDS = 20
const PROGRESS_FLUSH_MS = 1_000

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

type RunRow = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["retrieveJobRun"]>
>

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
    await finishRun(container, run, setting, ctx, status, error)
    return { runId, status }
  } finally {
    if (heartbeat) clearInterval(heartbeat)
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
    } else {
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

class RunContextImpl implements RunContext {
  readonly jobName: JobName
  readonly runId: string
  readonly dryRun: boolean
  readonly options: Record<string, unknown>
  private readonly counters: RunCounters = {
    scanned: 0,
    changed: 0,
    skipped: 0,
    failed: 0,
  }
  private readonly failures: RunFailure[] = []
  private omittedFailures = 0
  private readonly failedCount = new Map<string, number>()
  private pendingFailures: ItemFailure[] = []
  private pendingSuccesses: string[] = []
  private readonly retryPolicy: EffectiveJobSetting["config"]["retries"]
  private readonly summary: RunSummary = { actions: {} }
  private done = 0
  private total: number | null = null
  private lastFlush = 0
  private readonly deadline: number

  constructor(
    readonly container: MedusaContainer,
    run: RunRow,
    setting: EffectiveJobSetting
  ) {
    this.jobName = run.job_name as JobName
    this.runId = run.id
    this.dryRun = run.dry_run
    this.options = setting.options
    this.retryPolicy = setting.config.retries
    const budget =
      jobDefinition(this.jobName).timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS
    this.deadline = now().getTime() + budget
  }

  now(): Date {
    return now()
  }

  timeLeft(): number {
    return Math.max(0, this.deadline - now().getTime())
  }

  count(counter: keyof RunCounters, by = 1): void {
    this.counters[counter] += by
  }

  changed(action: string, itemId: string): void {
    const entry = (this.summary.actions[action] ??= { count: 0, sample: [] })
    entry.count += 1
    if (entry.sample.length < MAX_SAMPLE_IDS) entry.sample.push(itemId)
    this.counters.changed += 1
  }

  fail(itemId: string, reason: string): void {
    this.failedCount.set(itemId, (this.failedCount.get(itemId) ?? 0) + 1)
    if (!this.dryRun) this.pendingFailures.push({ itemId, reason })
    this.counters.failed += 1
    if (this.failures.length < MAX_FAILURES_KEPT) {
      this.failures.push({ item_id: itemId, reason: reason.slice(0, 1000) })
    } else {
      this.omittedFailures += 1
    }
  }

  failuresOf(itemId: string): number {
    return this.failedCount.get(itemId) ?? 0
  }

  succeeded(itemId: string): void {
    if (!this.dryRun) this.pendingSuccesses.push(itemId)
  }

  attemptable(itemIds: string[]): Promise<Set<string>> {
    return attemptableItems(this.container, this.jobName, itemIds, now())
  }

  /** Writes the retry state of the items that failed or went through. */
  async persistItems(): Promise<void> {
    const failures = this.pendingFailures
    const successes = this.pendingSuccesses.filter(
      (id) => !failures.some((f) => f.itemId === id)
    )
    this.pendingFailures = []
    this.pendingSuccesses = []
    await clearItems(this.container, this.jobName, successes)
    await recordItemFailures(
      this.container,
      this.jobName,
      this.runId,
      failures,
      this.retryPolicy,
      now()
    )
  }

  note(text: string): void {
    ;(this.summary.notes ??= []).push(text)
  }

  markStoppedEarly(): void {
    this.summary.stopped_early = true
  }

  async progress(done: number, total?: number | null): Promise<void> {
    this.done = done
    if (total !== undefined) this.total = total
    await this.flush(false)
  }

  async notify(input: NotifyInput): Promise<boolean> {
    if (this.dryRun) {
      this.changed(`notify:${input.name}`, input.itemId)
      return true
    }
    const service = autopilotService(this.container)
    const outcome = await sendNotification(
      this.container,
      await service.getOptions(),
      input
    )
    if (outcome.status === "sent") {
      this.changed(`notify:${input.name}`, input.itemId)
      return true
    }
    if (outcome.status === "already_sent") {
      this.count("skipped")
      return true
    }
    if (outcome.unservedChannel) {
      this.summary.unserved_channel = outcome.unservedChannel
    }
    this.fail(input.itemId, outcome.reason)
    return false
  }

  snapshot() {
    return {
      counters: { ...this.counters },
      failures: { items: [...this.failures], omitted: this.omittedFailures },
      summary: { ...this.summary },
      progress_done: this.done,
      progress_total: this.total,
    }
  }

  /** Writes progress to the run record, at most once a second unless forced. */
  async flush(force: boolean): Promise<void> {
    const t = Date.now()
    if (!force && t - this.lastFlush < PROGRESS_FLUSH_MS) return
    this.lastFlush = t
    await this.persistItems()
    await autopilotService(this.container).updateJobRuns({
      id: this.runId,
      heartbeat_at: now(),
      ...this.snapshot(),
    })
  }
}
