import type { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
} from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import {
  AuthorizationWarning,
  CartActivity,
  CartLead,
  CartOptout,
  CartReminder,
  InventoryFinding,
  ItemRetry,
  JobRun,
  JobSetting,
  JobSettingChange,
  NotificationSend,
  PaymentRecovery,
  PrivacyAudit,
  RateLimit,
  RestockQueue,
  RestockSubscription,
  RestockWave,
  ShipmentEvent,
  State,
  StockFeedChange,
  Token,
  TrackedShipment,
} from "./models"
import { type AutopilotOptions, parseAutopilotOptions } from "./options"
import * as activity from "./sql/cart-activity"
import type {
  CartActivityUpsert,
  CartActivityWritten,
  PruneCandidateQuery,
  PruneCandidateRow,
  PruneClass,
} from "./sql/cart-activity"
import * as leads from "./sql/cart-leads"
import type { CartLeadUndo } from "./sql/cart-leads"
import * as reminders from "./sql/cart-reminders"
import * as jobRuns from "./sql/job-runs"
import * as listings from "./sql/listings"
import * as overview from "./sql/overview"
import type { OverviewRows } from "./sql/overview"
import * as widgets from "./sql/widgets"
import type { RestockVariantCounts } from "./sql/widgets"
import type {
  RestockDemandPage,
  RestockDemandQuery,
  ShipmentListPage,
  ShipmentListQuery,
} from "./sql/listings"
import * as retention from "./sql/retention"
import * as restockWaves from "./sql/restock-waves"
import * as sends from "./sql/notification-sends"
import type { NotificationSendInsert } from "./sql/notification-sends"
import type {
  RestockWaiting,
  RestockWaveMember,
  RestockWaveStart,
  TokenInsert,
} from "./sql/restock-waves"
import * as tracking from "./sql/tracking"
import type {
  ShipmentEventInsert,
  ShipmentForUpdate,
  ShipmentPatchRow,
} from "./sql/tracking"
import type { RetentionKind } from "./sql/retention"

export type {
  CartActivityUpsert,
  CartActivityWritten,
  PruneCandidateRow,
  PruneClass,
} from "./sql/cart-activity"
export type { RetentionKind } from "./sql/retention"
export type {
  RestockWaiting,
  RestockWaveMember,
  RestockWaveStart,
  TokenInsert,
} from "./sql/restock-waves"
export type {
  ShipmentEventInsert,
  ShipmentForUpdate,
  ShipmentPatchRow,
} from "./sql/tracking"
export type { OverviewRows } from "./sql/overview"
export type { RestockVariantCounts } from "./sql/widgets"

/** The manager of the transaction a `@InjectTransactionManager` method runs in. */
const tx = (context: Context) => context.transactionManager as SqlEntityManager
/** The manager a read-only `@InjectManager` method runs with. */
const reader = (context: Context) => context.manager as SqlEntityManager

/**
 * The `autopilot` module's service: the plugin's own tables, and the
 * validated plugin options. In Medusa v2 plugin options reach only the
 * plugin's modules, so jobs, routes and subscribers read them from here.
 *
 * Besides the generated methods, a few methods run SQL (in `./sql/`, one
 * file per concern), where a statement must be atomic across instances
 * (claim a queued run or a reminder step once,
 * upsert cart activity, prune a history in one statement) or where the
 * generated list methods cannot express the query (grouping, problem-first
 * ordering, keyset pages over a partial index).
 *
 * Tables: every statement writes only this module's own `autopilot_*`
 * tables. Two statements read tables they do not own, read-only:
 * `archiveCartLeads` snapshots Medusa's `cart` and `cart_line_item` (see
 * `CART_LEAD_SNAPSHOT_SQL` in `src/lib/sql/cart.ts`) into
 * `autopilot_cart_lead`, and `recordCartActivity` derives activity rows
 * from `cart`, `cart_line_item`, `order_cart` and `order`. Nothing here
 * writes a Medusa table.
 */
export default class AutopilotModuleService extends MedusaService({
  JobSetting,
  JobRun,
  JobSettingChange,
  PaymentRecovery,
  AuthorizationWarning,
  ItemRetry,
  InventoryFinding,
  StockFeedChange,
  RestockSubscription,
  RestockWave,
  RestockQueue,
  Token,
  RateLimit,
  State,
  CartActivity,
  CartLead,
  PrivacyAudit,
  CartReminder,
  CartOptout,
  TrackedShipment,
  ShipmentEvent,
  NotificationSend,
}) {
  protected readonly options_: AutopilotOptions

  constructor(
    _container: Record<string, unknown>,
    options?: Record<string, unknown>
  ) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseAutopilotOptions(options)
  }

  /** The plugin options after validation, with every default filled in. */
  async getOptions(): Promise<AutopilotOptions> {
    return this.options_
  }

  // ---- job runs ----

  /**
   * Moves a queued run to `running` for one caller only. Returns false when
   * another process claimed it first (or it is no longer queued).
   */
  @InjectManager()
  async claimQueuedRun(
    runId: string,
    instance: string,
    at: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return this.claimQueuedRun_(runId, instance, at, sharedContext)
  }

  @InjectTransactionManager()
  protected async claimQueuedRun_(
    runId: string,
    instance: string,
    at: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return jobRuns.claimQueuedRun(tx(sharedContext), runId, instance, at)
  }

  /** Asks a run to stop (see `sql/job-runs.ts` `requestRunCancel`). */
  @InjectManager()
  async requestRunCancel(
    runId: string,
    actor: string | null,
    at: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<jobRuns.CancelOutcome> {
    return this.requestRunCancel_(runId, actor, at, sharedContext)
  }

  @InjectTransactionManager()
  protected async requestRunCancel_(
    runId: string,
    actor: string | null,
    at: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<jobRuns.CancelOutcome> {
    return jobRuns.requestRunCancel(tx(sharedContext), runId, actor, at)
  }

  /**
   * Deletes finished runs of a job beyond the newest `keep`, never touching
   * queued or running runs nor the ids in `protect` (last success/failure).
   * Returns how many were deleted.
   */
  @InjectManager()
  async pruneJobRuns(
    jobName: string,
    keep: number,
    protect: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return this.pruneJobRuns_(jobName, keep, protect, sharedContext)
  }

  @InjectTransactionManager()
  protected async pruneJobRuns_(
    jobName: string,
    keep: number,
    protect: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return jobRuns.pruneJobRuns(tx(sharedContext), jobName, keep, protect)
  }

  // ---- cart activity, reminders and pruning ----

  /**
   * Writes the activity rows of carts, one atomic upsert per batch; with
   * `onlyMissing` (the backfill) rows that exist are left as they are.
   * See {@link activity.upsertCartActivities}.
   */
  @InjectManager()
  async upsertCartActivities(
    rows: CartActivityUpsert[],
    { onlyMissing = false }: { onlyMissing?: boolean } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return this.upsertCartActivities_(rows, onlyMissing, sharedContext)
  }

  @InjectTransactionManager()
  protected async upsertCartActivities_(
    rows: CartActivityUpsert[],
    onlyMissing: boolean,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return activity.upsertCartActivities(tx(sharedContext), rows, onlyMissing)
  }

  /**
   * The cart feed: refreshes these carts' activity rows from the carts as
   * they are now, in one statement (see {@link activity.recordCartActivity}).
   */
  @InjectManager()
  async recordCartActivity(
    cartIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CartActivityWritten[]> {
    return activity.recordCartActivity(reader(sharedContext), cartIds)
  }

  /**
   * Claims one step of a cart's reminder sequence for a run: true when this
   * call inserted the ledger row. The unique (cart_id, step) index lets only
   * one of two overlapping runs claim it.
   */
  @InjectManager()
  async claimCartReminder(
    claim: { cart_id: string; step: number; email: string; run_id: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return this.claimCartReminder_(claim, sharedContext)
  }

  @InjectTransactionManager()
  protected async claimCartReminder_(
    claim: { cart_id: string; step: number; email: string; run_id: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return reminders.claimCartReminder(tx(sharedContext), claim)
  }

  /**
   * Open carts of one lifetime class last active before `before`, oldest
   * first, after a keyset cursor.
   */
  @InjectManager()
  async listPruneCandidates(
    input: PruneCandidateQuery,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<PruneCandidateRow[]> {
    return activity.listPruneCandidates(reader(sharedContext), input)
  }

  /** How many open carts of a class were last active before `before`. */
  @InjectManager()
  async countPruneCandidates(
    lifetimeClass: PruneClass,
    before: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return activity.countPruneCandidates(
      reader(sharedContext),
      lifetimeClass,
      before
    )
  }

  /** Sets the state of the activity rows of these carts, in one statement. */
  @InjectManager()
  async setCartActivityState(
    cartIds: string[],
    state: "open" | "completed" | "deleted",
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return this.setCartActivityState_(cartIds, state, sharedContext)
  }

  @InjectTransactionManager()
  protected async setCartActivityState_(
    cartIds: string[],
    state: "open" | "completed" | "deleted",
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return activity.setCartActivityState(tx(sharedContext), cartIds, state)
  }

  /**
   * Archives the leads of these carts (those with an email or a customer)
   * with a snapshot of their items read from Medusa's `cart` and
   * `cart_line_item`. Returns what it replaced, for
   * {@link unarchiveCartLeads}. See {@link leads.archiveCartLeads}.
   */
  @InjectManager()
  async archiveCartLeads(
    cartIds: string[],
    at: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CartLeadUndo> {
    return this.archiveCartLeads_(cartIds, at, sharedContext)
  }

  @InjectTransactionManager()
  protected async archiveCartLeads_(
    cartIds: string[],
    at: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CartLeadUndo> {
    return leads.archiveCartLeads(tx(sharedContext), cartIds, at)
  }

  /** Undoes {@link archiveCartLeads} for these carts. */
  @InjectManager()
  async unarchiveCartLeads(
    undo: CartLeadUndo,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return this.unarchiveCartLeads_(undo, sharedContext)
  }

  @InjectTransactionManager()
  protected async unarchiveCartLeads_(
    undo: CartLeadUndo,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return leads.unarchiveCartLeads(tx(sharedContext), undo)
  }

  // ---- shipment tracking (see `./sql/tracking`) ----

  /** Parcels by id (`withKeys`: with their events' dedupe keys), in one read. */
  @InjectManager()
  async readShipmentsForUpdate(
    ids: string[],
    withKeys = true,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ShipmentForUpdate[]> {
    return tracking.readShipmentsForUpdate(reader(sharedContext), ids, withKeys)
  }

  /**
   * Stores new shipment events and writes parcels' fields (only the keys
   * each patch has), one statement each, in one transaction. Returns the
   * ids of the events stored (a known key is skipped).
   */
  @InjectManager()
  async writeShipmentUpdates(
    input: { events?: ShipmentEventInsert[]; patches?: ShipmentPatchRow[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return this.writeShipmentUpdates_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async writeShipmentUpdates_(
    input: { events?: ShipmentEventInsert[]; patches?: ShipmentPatchRow[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const ids = await tracking.insertShipmentEvents(
      tx(sharedContext),
      input.events ?? []
    )
    await tracking.patchTrackedShipments(tx(sharedContext), input.patches ?? [])
    return ids
  }

  // ---- notification sends (see `./sql/notification-sends`) ----

  /** Writes a batch's "sending" records; a key with a record keeps it. */
  @InjectManager()
  async insertNotificationSends(
    rows: NotificationSendInsert[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return this.insertNotificationSends_(rows, sharedContext)
  }

  @InjectTransactionManager()
  protected async insertNotificationSends_(
    rows: NotificationSendInsert[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return sends.insertNotificationSends(tx(sharedContext), rows)
  }

  /** Drops the "sending" records of these keys. */
  @InjectManager()
  async deleteSendingRecords(
    keys: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return this.deleteSendingRecords_(keys, sharedContext)
  }

  @InjectTransactionManager()
  protected async deleteSendingRecords_(
    keys: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return sends.deleteSendingRecords(tx(sharedContext), keys)
  }

  // ---- restock waves (see `./sql/restock-waves`): one statement per batch ----

  /** Shoppers waiting per (variant, channel) for these variants, grouped. */
  @InjectManager()
  async restockWaiting(
    variantIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RestockWaiting[]> {
    return restockWaves.restockWaiting(reader(sharedContext), variantIds)
  }

  /** Starts waves (one insert) and returns their members (one read). */
  @InjectManager()
  async startRestockWaves(
    waves: RestockWaveStart[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RestockWaveMember[]> {
    return this.startRestockWaves_(waves, sharedContext)
  }

  @InjectTransactionManager()
  protected async startRestockWaves_(
    waves: RestockWaveStart[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RestockWaveMember[]> {
    return restockWaves.startRestockWaves(tx(sharedContext), waves)
  }

  /** Marks alerted subscriptions notified and counts them on their waves. */
  @InjectManager()
  async recordRestockAlerts(
    at: Date,
    alerts: { id: string; wave_id: string }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return this.recordRestockAlerts_(at, alerts, sharedContext)
  }

  @InjectTransactionManager()
  protected async recordRestockAlerts_(
    at: Date,
    alerts: { id: string; wave_id: string }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return restockWaves.recordRestockAlerts(tx(sharedContext), at, alerts)
  }

  /** Expires (or with `dryRun` finds) waiting subscriptions older than `before`. */
  @InjectManager()
  async expireRestockSubscriptions(
    input: { before: Date; at: Date; limit: number; dryRun: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return this.expireRestockSubscriptions_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async expireRestockSubscriptions_(
    input: { before: Date; at: Date; limit: number; dryRun: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const { before, at, limit, dryRun } = input
    return restockWaves.expireRestockSubscriptions(
      tx(sharedContext),
      before,
      at,
      limit,
      dryRun
    )
  }

  /** Inserts link tokens (hashes only) in one statement. */
  @InjectManager()
  async insertTokens(
    tokens: TokenInsert[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return this.insertTokens_(tokens, sharedContext)
  }

  @InjectTransactionManager()
  protected async insertTokens_(
    tokens: TokenInsert[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return restockWaves.insertTokens(tx(sharedContext), tokens)
  }

  // ---- admin lists ----

  /** Waiting (active) subscriptions per variant, most wanted first. */
  @InjectManager()
  async restockDemand(
    options: RestockDemandQuery,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RestockDemandPage> {
    return listings.restockDemand(reader(sharedContext), options)
  }

  /** Tracked shipments for the admin: problems first, then most recent. */
  @InjectManager()
  async listShipmentsForAdmin(
    options: ShipmentListQuery,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ShipmentListPage> {
    return listings.listShipmentsForAdmin(reader(sharedContext), options)
  }

  /** The admin overview's figures for `[from, to)`, grouped by UTC day (see `./sql/overview`). */
  @InjectManager()
  async overviewRows(
    from: Date,
    to: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<OverviewRows> {
    return overview.overviewRows(reader(sharedContext), from, to)
  }

  /** Shoppers waiting, alerted and who bought, per variant (the product widget; see `./sql/widgets`). */
  @InjectManager()
  async restockCountsByVariant(
    variantIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RestockVariantCounts[]> {
    return widgets.restockCountsByVariant(reader(sharedContext), variantIds)
  }

  // ---- retention ----

  /**
   * Rows of one kind past their retention, oldest first, at most `limit`:
   * deleted (ids returned) or, with `dryRun`, only found. A restock
   * subscription's link tokens go with it, in the same transaction.
   */
  @InjectManager()
  async pruneExpired(
    kind: RetentionKind,
    cutoff: Date,
    limit: number,
    dryRun: boolean,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ ids: string[]; tokenIds: string[] }> {
    return this.pruneExpired_(kind, cutoff, limit, dryRun, sharedContext)
  }

  @InjectTransactionManager()
  protected async pruneExpired_(
    kind: RetentionKind,
    cutoff: Date,
    limit: number,
    dryRun: boolean,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ ids: string[]; tokenIds: string[] }> {
    return retention.pruneExpired(
      tx(sharedContext),
      kind,
      cutoff,
      limit,
      dryRun
    )
  }
}
