import type { MedusaContainer } from "@medusajs/framework/types"
import { jobDefinition, type JobName } from "../catalog/jobs"
import { now } from "./clock"
import { emitEvents } from "./events"
import {
  markUnconfirmedSends,
  sendNotifications,
  DEFERRED_ACTION,
  type SendOutcome,
  UNCONFIRMED_ACTION,
} from "./notifier"
import {
  attemptableItems,
  clearItems,
  type ItemFailure,
  recordItemFailures,
} from "./retry"
import { autopilotService, type EffectiveJobSetting } from "./settings"
import type {
  NotifyInput,
  RunContext,
  RunCounters,
  RunFailure,
  RunSummary,
} from "./types"

/** A job run as the module stores it. */
export type RunRow = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["retrieveJobRun"]>
>

/** A run stops starting new work after this long, so the next run can take over. */
const DEFAULT_TIME_BUDGET_MS = 10 * 60_000
const MAX_FAILURES_KEPT = 50
const MAX_SAMPLE_IDS = 20
const PROGRESS_FLUSH_MS = 1_000

/**
 * The context one run's handler works through: counters, changes, item
 * failures and retries, progress and notes, sends. The runner creates one
 * per run and turns its snapshot into the run record.
 */
export class RunContextImpl implements RunContext {
  readonly jobName: JobName
  readonly runId: string
  readonly dryRun: boolean
  readonly params: Record<string, unknown> | null
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
  private stopRequested = false
  private checkedSends = false
  private readonly unconfirmedSends = new Set<string>()

  constructor(
    readonly container: MedusaContainer,
    run: RunRow,
    setting: EffectiveJobSetting
  ) {
    this.jobName = run.job_name as JobName
    this.runId = run.id
    this.dryRun = run.dry_run
    this.params = (run.params as Record<string, unknown> | null) ?? null
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
    if (this.stopRequested) return 0
    return Math.max(0, this.deadline - now().getTime())
  }

  /**
   * Someone asked the run to stop: no new batch starts ({@link timeLeft}
   * is 0 from now on).
   */
  requestStop(): void {
    this.stopRequested = true
  }

  /** Whether the run stopped before its end because it was asked to. */
  get stoppedOnRequest(): boolean {
    return this.stopRequested && !!this.summary.stopped_early
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
    const notes = (this.summary.notes ??= [])
    // The same note twice says nothing more.
    if (!notes.includes(text)) notes.push(text)
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
    const [ok] = await this.notifyAll([input])
    return ok
  }

  async notifyAll(inputs: NotifyInput[]): Promise<boolean[]> {
    if (!inputs.length) return []
    if (this.dryRun) {
      for (const input of inputs) {
        this.changed(`notify:${input.name}`, input.itemId)
      }
      return inputs.map(() => true)
    }
    const service = autopilotService(this.container)
    if (!this.checkedSends) {
      // Once per run: this job's sends a stopped process left pending.
      this.checkedSends = true
      const marked = await markUnconfirmedSends(this.container, {
        jobName: this.jobName,
      })
      for (const row of marked) this.unconfirmed(row.id, row.item_id)
    }
    const outcomes = await sendNotifications(
      this.container,
      await service.getOptions(),
      inputs,
      { jobName: this.jobName, runId: this.runId }
    )
    const events: { name: string; data: Record<string, unknown> }[] = []
    const results = inputs.map((input, n) => {
      const outcome = outcomes[n]
      if (outcome.status === "sent") {
        this.changed(`notify:${input.name}`, input.itemId)
        if (input.sentEvent) {
          events.push({
            name: input.sentEvent.name,
            data: {
              ...input.sentEvent.data,
              notification_id: outcome.notificationId,
            },
          })
        }
        return true
      }
      return this.unsent(input, outcome)
    })
    if (events.length) await emitEvents(this.container, events)
    return results
  }

  /** Books an outcome other than "sent"; true when it had gone out before. */
  private unsent(input: NotifyInput, outcome: SendOutcome): boolean {
    if (outcome.status === "already_sent") {
      this.count("skipped")
      return true
    }
    if (outcome.status === "deferred") {
      // Waits for the contact window or the address's cap: a later run
      // sends it; neither sent nor failed.
      this.count("skipped")
      this.deferred(outcome.reason, input.itemId)
      return false
    }
    if (outcome.status !== "failed") return true
    if (outcome.unconfirmed) {
      // Maybe sent, maybe not: not sent as far as the job is concerned, and
      // not an item failure either (a retry could not settle it).
      this.unconfirmed(outcome.unconfirmed.sendId, input.itemId)
      return false
    }
    if (outcome.inFlight) {
      this.count("skipped")
      return false
    }
    if (outcome.unservedChannel) {
      this.summary.unserved_channel = outcome.unservedChannel
    }
    this.fail(input.itemId, outcome.reason)
    return false
  }

  /** Counts a message that waits (contact rules), by reason, in the notes. */
  private deferred(reason: string, itemId: string): void {
    const entry = (this.summary.actions[DEFERRED_ACTION] ??= {
      count: 0,
      sample: [],
    })
    entry.count += 1
    if (entry.sample.length < MAX_SAMPLE_IDS) entry.sample.push(itemId)
    this.note(`Waiting to send: ${reason}`)
  }

  /** Counts an unconfirmed send once per run, under its own action. */
  private unconfirmed(sendId: string, itemId: string): void {
    if (this.unconfirmedSends.has(sendId)) return
    this.unconfirmedSends.add(sendId)
    const entry = (this.summary.actions[UNCONFIRMED_ACTION] ??= {
      count: 0,
      sample: [],
    })
    entry.count += 1
    if (entry.sample.length < MAX_SAMPLE_IDS) entry.sample.push(itemId)
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
