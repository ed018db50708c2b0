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
import { CART_LEAD_SNAPSHOT_SQL } from "../../lib/sql/cart"
import { type AutopilotOptions, parseAutopilotOptions } from "./options"

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
/** A cart's lifetime class for pruning: no items, no email and no customer, or a lead. */
export type PruneClass = "empty" | "anonymous" | "customer"

/**
 * Runs a statement with `?` bindings passed to PostgreSQL as parameters, in
 * the manager's transaction if it has one. `manager.execute` inlines every
 * binding into the SQL text instead, quoting each value in JavaScript: for
 * the pruning job's lists of 2,000 ids that was a tenth of all it allocated
 * (quoteValue in a heap profile). Arrays go as PostgreSQL arrays (`= any(?)`).
 */
async function rawRows<T>(
  manager: SqlEntityManager,
  sql: string,
  bindings: unknown[]
): Promise<T[]> {
  const knex = manager.getTransactionContext() ?? manager.getKnex()
  const result = await knex.raw(sql, bindings as never[])
  return result.rows as T[]
}

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
}

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
  PrivacyAudit,
  CartReminder,
  CartOptout,
  TrackedShipment,
  ShipmentEvent,
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

  /**
   * Rows past their retention, oldest first, at most `limit`: deleted (and
   * their ids returned) or, with `dryRun`, only found. Deleting a restock
   * subscription also deletes the link tokens that act on it, in the same
   * transaction. Each kind's rule is a constant below; nothing here comes
   * from a request.
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
    const manager = sharedContext.transactionManager as SqlEntityManager
    const { table, expired } = RETENTION_RULES[kind]
    const due = `select id from ${table}
                  where deleted_at is null and ${expired}
                  order by created_at, id
                  limit ?`
    if (dryRun) {
      const rows = await manager.execute(due, [cutoff, limit])
      return { ids: rows.map((r) => String(r.id)), tokenIds: [] }
    }
    const rows = await manager.execute(
      `delete from ${table} where id in (${due}) returning id`,
      [cutoff, limit]
    )
    const ids = rows.map((r) => String(r.id))
    let tokenIds: string[] = []
    if (kind === "restock_subscription" && ids.length) {
      const gone = await manager.execute(
        `delete from autopilot_token
          where subject_id in (${ids.map(() => "?").join(", ")})
          returning id`,
        ids
      )
      tokenIds = gone.map((r) => String(r.id))
    }
    return { ids, tokenIds }
  }

  /**
   * Tracked shipments for the admin: problems first (exception, failed
   * attempt, returned to sender), then the most recently changed. SQL for
   * the ordering by problem, which the generated list methods cannot express.
   */
  @InjectManager()
  async listShipmentsForAdmin(
    options: {
      status?: string
      order_id?: string
      limit: number
      offset: number
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ rows: Record<string, unknown>[]; count: number }> {
    const manager = sharedContext.manager as SqlEntityManager
    const where = ["deleted_at is null"]
    const params: unknown[] = []
    if (options.status) {
      where.push("status = ?")
      params.push(options.status)
    }
    if (options.order_id) {
      where.push("order_id = ?")
      params.push(options.order_id)
    }
    const clause = where.join(" and ")
    const rows = await manager.execute(
      `select * from autopilot_tracked_shipment
        where ${clause}
        order by case when status in ('exception', 'attempt_failed', 'returned_to_sender') then 0 else 1 end,
                 updated_at desc, id
        limit ? offset ?`,
      [...params, options.limit, options.offset]
    )
    const [{ count }] = await manager.execute(
      `select count(*)::int as count from autopilot_tracked_shipment where ${clause}`,
      params
    )
    return { rows: rows as Record<string, unknown>[], count: Number(count) }
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
      `select id, cart_id, last_active_at
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
    // The driver gives timestamptz as a Date: the rows go out as read.
    return rows as PruneCandidateRow[]
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
    const rows = await rawRows(
      manager,
      `update autopilot_cart_activity set state = ?, updated_at = now()
        where cart_id = any(?) and deleted_at is null returning id`,
      [state, cartIds]
    )
    return rows.length
  }

  /**
   * Upserts the lead of each of these carts that has an email or a
   * customer (by cart id) as `archived` — or keeps it `recovered` — with the
   * item snapshot and total, in one statement whose source is the cart as
   * it is now (`CART_LEAD_SNAPSHOT_SQL`) and its activity row (last active,
   * reminders sent). Returns what it replaced, for a rollback: the cart ids
   * whose lead it created and the previous rows it changed.
   */
  @InjectManager()
  async archiveCartLeads(
    cartIds: string[],
    at: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ created: string[]; previous: Record<string, unknown>[] }> {
    return this.archiveCartLeads_(cartIds, at, sharedContext)
  }

  @InjectTransactionManager()
  protected async archiveCartLeads_(
    cartIds: string[],
    at: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ created: string[]; previous: Record<string, unknown>[] }> {
    if (!cartIds.length) return { created: [], previous: [] }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const previous = await rawRows<Record<string, unknown>>(
      manager,
      `select id, cart_id, email, customer_id, sales_channel_id, region_id,
              currency_code, status, items, total, raw_total, cart_created_at,
              last_active_at, reminders_sent, archived_at
         from autopilot_cart_lead
        where cart_id = any(?) and deleted_at is null
        for update`,
      [cartIds]
    )
    const written = await rawRows<{ cart_id: string }>(
      manager,
      `insert into autopilot_cart_lead
         (id, cart_id, email, customer_id, sales_channel_id, region_id,
          currency_code, status, items, total, raw_total, cart_created_at,
          last_active_at, reminders_sent, archived_at)
       select 'apcl_' || replace(gen_random_uuid()::text, '-', ''),
              s.cart_id, s.email, s.customer_id, s.sales_channel_id,
              s.region_id, s.currency_code, 'archived', s.items, s.total,
              jsonb_build_object('value', s.total::text, 'precision', 20),
              s.cart_created_at,
              greatest(s.changed_at, a.last_active_at),
              coalesce(a.reminders_sent, 0), ?
         from (${CART_LEAD_SNAPSHOT_SQL}) s
         left join autopilot_cart_activity a
           on a.cart_id = s.cart_id and a.deleted_at is null
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
         updated_at = now()
       returning cart_id`,
      [at, cartIds]
    )
    const existed = new Set(previous.map((p) => p.cart_id as string))
    return {
      created: written.map((w) => w.cart_id).filter((id) => !existed.has(id)),
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

export type RetentionKind = keyof typeof RETENTION_RULES

/**
 * What "past retention" means per table, given a cutoff date (`?`). `greatest`
 * skips nulls, so each row counts from its latest sign of life.
 */
const RETENTION_RULES = {
  // finished: notified, unsubscribed or expired — never one still waiting
  restock_subscription: {
    table: "autopilot_restock_subscription",
    expired: `status in ('notified', 'unsubscribed', 'expired')
              and greatest(notified_at, unsubscribed_at, expired_at, updated_at) < ?`,
  },
  cart_lead: {
    table: "autopilot_cart_lead",
    expired: `greatest(archived_at, recovered_at, last_active_at, updated_at) < ?`,
  },
  // the cart jobs' own index: only carts that are gone or became orders
  cart_activity: {
    table: "autopilot_cart_activity",
    expired: `state in ('completed', 'deleted')
              and greatest(completed_at, last_active_at, updated_at) < ?`,
  },
  // link tokens that can no longer be used
  token: {
    table: "autopilot_token",
    expired: `expires_at is not null and expires_at < ?`,
  },
} as const
