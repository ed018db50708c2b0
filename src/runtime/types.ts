import type { MedusaContainer } from "@medusajs/framework/types"
import type { JobName } from "../catalog/jobs"
import type { NotificationName } from "../catalog/notifications"
import type { RunStatus, RunTrigger } from "../types"

export type { RunStatus, RunTrigger }

export type RunCounters = {
  scanned: number
  changed: number
  skipped: number
  failed: number
}

export type RunFailure = { item_id: string; reason: string }

/** What a run did (or, on a dry run, would have done), per kind of action. */
export type RunSummary = {
  actions: Record<string, { count: number; sample: string[] }>
  /** The run stopped at its time budget; the rest is left for the next run. */
  stopped_early?: boolean
  /** Set when a message could not be sent because no provider serves the channel. */
  unserved_channel?: string
  notes?: string[]
}

export type NotifyInput = {
  /** Which message; mapped to the provider's template by the `templates` option. */
  name: NotificationName
  to: string
  data: Record<string, unknown>
  /** The same key is never sent twice (Medusa's notification idempotency). */
  idempotencyKey: string
  /** The item a failure is recorded against. */
  itemId: string
  resourceId?: string
  resourceType?: string
  receiverId?: string
  /**
   * An event the runtime emits once this message has gone out now (not when
   * it had gone out before, nor on a dry run): `{ name, data }`, with the
   * notification's id added to `data` as `notification_id`.
   */
  sentEvent?: { name: string; data: Record<string, unknown> }
  /**
   * Fields of `data` unique to the recipient (links with tokens): messages
   * alike but for these are rendered once per batch (see `batchContent`).
   */
  personal?: string[]
}

/**
 * What a job's handler gets for one run. Handlers report what they do through
 * it; the runtime turns that into the run record, progress and failures.
 */
export interface RunContext<Options = Record<string, unknown>> {
  readonly container: MedusaContainer
  readonly jobName: JobName
  readonly runId: string
  /** Everything but writes and sends: handlers check it before each. */
  readonly dryRun: boolean
  /**
   * A one-off run's subject (e.g. `{ cart_id }` for "Send next reminder
   * now"); null for a full run.
   */
  readonly params: Record<string, unknown> | null
  /** The job's validated options (stored override or plugin options). */
  readonly options: Options
  now(): Date
  /** Milliseconds left of the run's time budget; stop starting new work at 0. */
  timeLeft(): number
  count(counter: keyof RunCounters, by?: number): void
  /** Records that `itemId` was (or on a dry run would be) changed by `action`. */
  changed(action: string, itemId: string): void
  /**
   * Records an item that failed; the run goes on. The item is retried in
   * later runs with back-off (see `attemptable`), then given up.
   */
  fail(itemId: string, reason: string): void
  /** How many failures this run recorded for an item. */
  failuresOf(itemId: string): number
  /** An item that had failed before went through: it is no longer retried. */
  succeeded(itemId: string): void
  /** Which of these items may be attempted now (not given up, not backing off). */
  attemptable(itemIds: string[]): Promise<Set<string>>
  progress(done: number, total?: number | null): Promise<void>
  note(text: string): void
  markStoppedEarly(): void
  /** Sends one message, unless dry run; a failed send is an item failure. */
  notify(input: NotifyInput): Promise<boolean>
  /**
   * Sends many messages in batches (the `notificationBatchSize` option),
   * each with {@link notify}'s meaning: one boolean per input, in order; a
   * failed send is its own item's failure only.
   */
  notifyAll(inputs: NotifyInput[]): Promise<boolean[]>
}

export type JobHandler<Options = Record<string, unknown>> = (
  ctx: RunContext<Options>
) => Promise<void>
