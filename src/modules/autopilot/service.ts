import { randomUUID } from "node:crypto"
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
  PaymentRecovery,
  RateLimit,
  RestockQueue,
  RestockSubscription,
  RestockWave,
  State,
  StockFeedChange,
  Token,
} from "./models"
import { type AutopilotOptions, parseAutopilotOptions } from "./options"

/** A cart's lifetime class for pruning: no items, no email and no customer, or a lead. */
export type PruneClass = "empty" | "anonymous" | "customer"

/** Each class's filter, written exactly as its partial index's predicate. */
const PRUNE_CLASS_WHERE: Record<PruneClass, string> = {
  empty: "deleted_at IS NULL AND state = 'open' AND item_count = 0",
  anonymous:
    "deleted_at IS NULL AND state = 'open' AND item_count > 0 AND email IS NULL AND customer_id IS NULL",
  customer:
    "deleted_at IS NULL AND state = 'open' AND item_count > 0 AND (email IS NOT NULL OR customer_id IS NOT NULL)",
}

export type PruneCandidateRow = {
  id: string
  cart_id: string
  last_active_at: Date
  reminders_sent: number
}

/** What the pruning job archives of a cart with an email or a customer. */
export type ArchivedLeadInput = {
  cart_id: string
  email: string | null
  customer_id: string | null
  sales_channel_id: string | null
  region_id: string | null
  currency_code: string | null
  items: Record<string, unknown>[]
  total: number | null
  cart_created_at: Date | string | null
  last_active_at: Date | string
  reminders_sent: number
}

/** How the cart feed refreshes a cart's existing activity row. */
const CART_ACTIVITY_REFRESH = `do update set
  email = excluded.email,
  customer_id = excluded.customer_id,
  sales_channel_id = excluded.sales_channel_id,
  region_id = excluded.region_id,
  currency_code = excluded.currency_code,
  item_count = excluded.item_count,
  last_active_at = greatest(autopilot_cart_activity.last_active_at, excluded.last_active_at),
  state = case when autopilot_cart_activity.state = 'open'
               then excluded.state else autopilot_cart_activity.state end,
  completed_at = coalesce(autopilot_cart_activity.completed_at, excluded.completed_at),
  order_id = coalesce(autopilot_cart_activity.order_id, excluded.order_id),
  updated_at = now()`

/** One cart's activity row as the cart feed writes it. */
export type CartActivityUpsert = {
  cart_id: string
  email: string | null
  customer_id: string | null
  sales_channel_id: string | null
  region_id: string | null
  currency_code: string | null
  item_count: number
  cart_created_at: Date
  last_active_at: Date
  state: "open" | "completed"
  completed_at: Date | null
  order_id: string | null
}

/**
 * The `autopilot` module's service: the plugin's own tables, and the
 * validated plugin options. In Medusa v2 plugin options reach only the
 * plugin's modules, so jobs, routes and subscribers read them from here.
 *
 * The SQL below touches only this module's own tables; it is SQL because each
 * statement must be atomic across instances (claim a queued run once, prune a
 * history in one statement).
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
  CartReminder,
  CartOptout,
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
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = await manager.execute(
      `update autopilot_job_run
          set status = 'running', started_at = ?, heartbeat_at = ?, instance = ?, updated_at = now()
        where id = ? and status = 'queued' and deleted_at is null
        returning id`,
      [at, at, instance, runId]
    )
    return rows.length > 0
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
    const manager = sharedContext.transactionManager as SqlEntityManager
    // The newest `keep` rows are found through the (job_name, created_at)
    // index; only rows past them are deleted.
    const kept = protect.length
      ? `and id not in (${protect.map(() => "?").join(", ")})`
      : ""
    const rows = await manager.execute(
      `delete from autopilot_job_run
        where job_name = ?
          and status not in ('queued', 'running')
          ${kept}
          and id not in (
            select id from autopilot_job_run
             where job_name = ? and deleted_at is null
             order by created_at desc, id desc
             limit ?)
        returning id`,
      [jobName, ...protect, jobName, keep]
    )
    return rows.length
  }

  /**
   * Counts one hit in a fixed window and returns the window's count so far.
   * One atomic statement, so instances sharing the database count together.
   */
  @InjectManager()
  async hitRateLimit(
    key: string,
    windowStart: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return this.hitRateLimit_(key, windowStart, sharedContext)
  }

  @InjectTransactionManager()
  protected async hitRateLimit_(
    key: string,
    windowStart: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = await manager.execute(
      `insert into autopilot_rate_limit (id, key, window_start, count)
       values (?, ?, ?, 1)
       on conflict (key, window_start) where deleted_at is null
       do update set count = autopilot_rate_limit.count + 1, updated_at = now()
       returning count`,
      [`aprl_${randomUUID().replace(/-/g, "")}`, key, windowStart]
    )
    return Number(rows[0].count)
  }

  /**
   * Writes the activity rows of carts, one atomic upsert per batch: cart
   * events of one cart can be handled at the same moment on several
   * instances, and the unique cart_id index keeps one row. Last activity
   * only moves forward, and a completed (or pruned) cart stays so. With
   * `onlyMissing` (the backfill) rows that exist are left as they are: the
   * feed keeps those.
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
    if (!rows.length) return 0
    const manager = sharedContext.transactionManager as SqlEntityManager
    const values = rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    const params = rows.flatMap((r) => [
      `apca_${randomUUID().replace(/-/g, "")}`,
      r.cart_id,
      r.email,
      r.customer_id,
      r.sales_channel_id,
      r.region_id,
      r.currency_code,
      r.item_count,
      r.cart_created_at,
      r.last_active_at,
      r.state,
      r.completed_at,
      r.order_id,
    ])
    const done = await manager.execute(
      `insert into autopilot_cart_activity
         (id, cart_id, email, customer_id, sales_channel_id, region_id, currency_code,
          item_count, cart_created_at, last_active_at, state, completed_at, order_id)
       values ${values.join(", ")}
       on conflict (cart_id) where deleted_at is null
       ${onlyMissing ? "do nothing" : CART_ACTIVITY_REFRESH}
       returning id`,
      params
    )
    return done.length
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
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = await manager.execute(
      `insert into autopilot_cart_reminder (id, cart_id, step, email, status, run_id)
       values (?, ?, ?, ?, 'claimed', ?)
       on conflict (cart_id, step) where deleted_at is null do nothing
       returning id`,
      [
        `apcr_${randomUUID().replace(/-/g, "")}`,
        claim.cart_id,
        claim.step,
        claim.email,
        claim.run_id,
      ]
    )
    return rows.length > 0
  }

  /**
   * Waiting (active) subscriptions per variant, most wanted first: the
   * demand list. Grouped in SQL so it stays one query at any size.
   */
  @InjectManager()
  async restockDemand(
    options: {
      variant_id?: string
      limit: number
      offset: number
      ascending?: boolean
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{
    rows: { variant_id: string; waiting: number; oldest: Date }[]
    count: number
  }> {
    const manager = sharedContext.manager as SqlEntityManager
    const where = `status = 'active' and deleted_at is null${options.variant_id ? " and variant_id = ?" : ""}`
    const params = options.variant_id ? [options.variant_id] : []
    const rows = await manager.execute(
      `select variant_id, count(*)::int as waiting, min(created_at) as oldest
         from autopilot_restock_subscription
        where ${where}
        group by variant_id
        order by waiting ${options.ascending ? "asc" : "desc"}, variant_id
        limit ? offset ?`,
      [...params, options.limit, options.offset]
    )
    const [{ count }] = await manager.execute(
      `select count(distinct variant_id)::int as count
         from autopilot_restock_subscription where ${where}`,
      params
    )
    return {
      rows: rows as { variant_id: string; waiting: number; oldest: Date }[],
      count: Number(count),
    }
  }

  // ---- cart pruning (the plugin's own cart tables) ----

  /**
   * Open carts of one lifetime class last active before `before`, oldest
   * first, after a keyset cursor. Each class's predicate matches its own
   * partial index, so the scan reads only that class's candidates.
   */
  @InjectManager()
  async listPruneCandidates(
    input: {
      lifetimeClass: PruneClass
      before: Date
      after: { last_active_at: Date; id: string } | null
      limit: number
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<PruneCandidateRow[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const cursor = input.after ? "and (last_active_at, id) > (?, ?)" : ""
    const rows = await manager.execute(
      `select id, cart_id, last_active_at, reminders_sent
         from autopilot_cart_activity
        where ${PRUNE_CLASS_WHERE[input.lifetimeClass]}
          and last_active_at < ? ${cursor}
        order by last_active_at, id
        limit ?`,
      [
        input.before,
        ...(input.after ? [input.after.last_active_at, input.after.id] : []),
        input.limit,
      ]
    )
    return (rows as PruneCandidateRow[]).map((r) => ({
      ...r,
      last_active_at: new Date(r.last_active_at),
      reminders_sent: Number(r.reminders_sent),
    }))
  }

  /** How many open carts of a class were last active before `before`. */
  @InjectManager()
  async countPruneCandidates(
    lifetimeClass: PruneClass,
    before: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const manager = sharedContext.manager as SqlEntityManager
    const [{ count }] = await manager.execute(
      `select count(*)::int as count from autopilot_cart_activity
        where ${PRUNE_CLASS_WHERE[lifetimeClass]} and last_active_at < ?`,
      [before]
    )
    return Number(count)
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
    if (!cartIds.length) return 0
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = await manager.execute(
      `update autopilot_cart_activity set state = ?, updated_at = now()
        where cart_id in (?) and deleted_at is null returning id`,
      [state, cartIds]
    )
    return rows.length
  }

  /**
   * Upserts the lead of each cart (by cart id) as `archived` — or keeps it
   * `recovered` — with the item snapshot and total, in one statement.
   * Returns what it replaced, for a rollback: the cart ids it created and
   * the previous rows it changed.
   */
  @InjectManager()
  async archiveCartLeads(
    leads: ArchivedLeadInput[],
    at: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ created: string[]; previous: Record<string, unknown>[] }> {
    return this.archiveCartLeads_(leads, at, sharedContext)
  }

  @InjectTransactionManager()
  protected async archiveCartLeads_(
    leads: ArchivedLeadInput[],
    at: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ created: string[]; previous: Record<string, unknown>[] }> {
    if (!leads.length) return { created: [], previous: [] }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const cartIds = leads.map((l) => l.cart_id)
    const previous = (await manager.execute(
      `select id, cart_id, email, customer_id, sales_channel_id, region_id,
              currency_code, status, items, total, raw_total, cart_created_at,
              last_active_at, reminders_sent, archived_at
         from autopilot_cart_lead
        where cart_id in (?) and deleted_at is null
        for update`,
      [cartIds]
    )) as Record<string, unknown>[]
    const rows = leads.map((l) => ({
      ...l,
      id: `apcl_${randomUUID().replace(/-/g, "")}`,
      raw_total:
        l.total === null ? null : { value: String(l.total), precision: 20 },
    }))
    await manager.execute(
      `insert into autopilot_cart_lead
         (id, cart_id, email, customer_id, sales_channel_id, region_id,
          currency_code, status, items, total, raw_total, cart_created_at,
          last_active_at, reminders_sent, archived_at)
       select x.id, x.cart_id, x.email, x.customer_id, x.sales_channel_id,
              x.region_id, x.currency_code, 'archived', x.items, x.total,
              x.raw_total, x.cart_created_at, x.last_active_at,
              x.reminders_sent, ?
         from jsonb_to_recordset(?::jsonb) as x(
              id text, cart_id text, email text, customer_id text,
              sales_channel_id text, region_id text, currency_code text,
              items jsonb, total numeric, raw_total jsonb,
              cart_created_at timestamptz, last_active_at timestamptz,
              reminders_sent int)
       on conflict (cart_id) where deleted_at is null do update set
         email = coalesce(excluded.email, autopilot_cart_lead.email),
         customer_id = coalesce(excluded.customer_id, autopilot_cart_lead.customer_id),
         sales_channel_id = coalesce(excluded.sales_channel_id, autopilot_cart_lead.sales_channel_id),
         region_id = coalesce(excluded.region_id, autopilot_cart_lead.region_id),
         currency_code = coalesce(excluded.currency_code, autopilot_cart_lead.currency_code),
         status = case when autopilot_cart_lead.status = 'recovered'
                       then 'recovered' else 'archived' end,
         items = excluded.items,
         total = excluded.total,
         raw_total = excluded.raw_total,
         cart_created_at = coalesce(autopilot_cart_lead.cart_created_at, excluded.cart_created_at),
         last_active_at = greatest(autopilot_cart_lead.last_active_at, excluded.last_active_at),
         reminders_sent = greatest(autopilot_cart_lead.reminders_sent, excluded.reminders_sent),
         archived_at = excluded.archived_at,
         updated_at = now()`,
      [at, JSON.stringify(rows)]
    )
    const existed = new Set(previous.map((p) => p.cart_id as string))
    return {
      created: cartIds.filter((id) => !existed.has(id)),
      previous,
    }
  }

  /** Undoes {@link archiveCartLeads} for these carts. */
  @InjectManager()
  async unarchiveCartLeads(
    undo: { created: string[]; previous: Record<string, unknown>[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    return this.unarchiveCartLeads_(undo, sharedContext)
  }

  @InjectTransactionManager()
  protected async unarchiveCartLeads_(
    undo: { created: string[]; previous: Record<string, unknown>[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    if (undo.created.length) {
      await manager.execute(
        `delete from autopilot_cart_lead where cart_id in (?) and deleted_at is null`,
        [undo.created]
      )
    }
    for (const row of undo.previous) {
      await manager.execute(
        `update autopilot_cart_lead set status = ?, items = ?::jsonb,
                total = ?, raw_total = ?::jsonb, last_active_at = ?,
                reminders_sent = ?, archived_at = ?, updated_at = now()
          where id = ?`,
        [
          row.status,
          row.items === null ? null : JSON.stringify(row.items),
          row.total,
          row.raw_total === null ? null : JSON.stringify(row.raw_total),
          row.last_active_at,
          row.reminders_sent,
          row.archived_at,
          row.id,
        ]
      )
    }
  }
}
