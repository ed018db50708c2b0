import type { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
} from "@medusajs/framework/utils"
import { AutopilotServiceBase, reader, tx } from "./service-base"
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
 *
 * The class is split in two files for readability: `service-base.ts`
 * (generated methods, options, job runs, carts, tracking) and this one
 * (notification sends, restock waves, admin lists, retention).
 */
export default class AutopilotModuleService extends AutopilotServiceBase {
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

  /** Queues variants (one insert; queued ones keep their row); returns those queued now. */
  @InjectManager()
  async queueRestockVariants(
    variantIds: string[],
    reason: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return this.queueRestockVariants_(variantIds, reason, sharedContext)
  }

  @InjectTransactionManager()
  protected async queueRestockVariants_(
    variantIds: string[],
    reason: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return restockWaves.queueRestockVariants(
      tx(sharedContext),
      variantIds,
      reason
    )
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
