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
import * as tracking from "./sql/tracking"
import type {
  ShipmentEventInsert,
  ShipmentForUpdate,
  ShipmentPatchRow,
} from "./sql/tracking"

/** The manager of the transaction a `@InjectTransactionManager` method runs in. */
export const tx = (context: Context) =>
  context.transactionManager as SqlEntityManager
/** The manager a read-only `@InjectManager` method runs with. */
export const reader = (context: Context) => context.manager as SqlEntityManager

/**
 * The first half of the `autopilot` module's service (see `service.ts`,
 * whose class extends this one): the generated methods of every model, the
 * options, and the SQL of job runs, cart activity, reminders, pruning and
 * shipment tracking. Split only to keep each file readable; callers use
 * the module's service.
 */
export class AutopilotServiceBase extends MedusaService({
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
}
