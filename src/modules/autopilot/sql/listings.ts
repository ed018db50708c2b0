import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

export type RestockDemandQuery = {
  variant_id?: string
  limit: number
  offset: number
  ascending?: boolean
}

export type RestockDemandPage = {
  rows: { variant_id: string; waiting: number; oldest: Date }[]
  count: number
}

export type ShipmentListQuery = {
  status?: string
  order_id?: string
  /** `delayed` or `stalled`: late or stuck parcels only. */
  lateness?: string
  limit: number
  offset: number
}

export type ShipmentListPage = {
  rows: Record<string, unknown>[]
  count: number
}

/**
 * Waiting (active) subscriptions per variant, most wanted first: the
 * demand list. Grouped in SQL so it stays one query at any size.
 */
export async function restockDemand(
  manager: SqlEntityManager,
  options: RestockDemandQuery
): Promise<RestockDemandPage> {
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
    rows: rows as RestockDemandPage["rows"],
    count: Number(count),
  }
}

/**
 * Tracked shipments for the admin: problems first (exception, failed
 * attempt, returned to sender, late or stuck), then the most recently changed. SQL for
 * the ordering by problem, which the generated list methods cannot express.
 */
export async function listShipmentsForAdmin(
  manager: SqlEntityManager,
  options: ShipmentListQuery
): Promise<ShipmentListPage> {
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
  if (options.lateness) {
    where.push("lateness = ?")
    params.push(options.lateness)
  }
  const clause = where.join(" and ")
  const rows = await manager.execute(
    `select * from autopilot_tracked_shipment
      where ${clause}
      order by case when status in ('exception', 'attempt_failed', 'returned_to_sender')
                      or lateness is not null then 0 else 1 end,
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
