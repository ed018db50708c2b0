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
  ShipmentEvent,
  State,
  StockFeedChange,
  Token,
  TrackedShipment,
} from "./models"
import { type AutopilotOptions, parseAutopilotOptions } from "./options"

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
}
