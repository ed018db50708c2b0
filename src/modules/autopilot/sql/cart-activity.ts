import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { newId, rawRows } from "./raw"

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

/** A cart's lifetime class for pruning: no items, no email and no customer, or a lead. */
export type PruneClass = "empty" | "anonymous" | "customer"

export type PruneCandidateQuery = {
  lifetimeClass: PruneClass
  before: Date
  after: { last_active_at: Date; id: string } | null
  limit: number
}

export type PruneCandidateRow = {
  id: string
  cart_id: string
  last_active_at: Date
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

/** Each class's filter, written exactly as its partial index's predicate. */
const PRUNE_CLASS_WHERE: Record<PruneClass, string> = {
  empty: "deleted_at IS NULL AND state = 'open' AND item_count = 0",
  anonymous:
    "deleted_at IS NULL AND state = 'open' AND item_count > 0 AND email IS NULL AND customer_id IS NULL",
  customer:
    "deleted_at IS NULL AND state = 'open' AND item_count > 0 AND (email IS NOT NULL OR customer_id IS NOT NULL)",
}

/**
 * Writes the activity rows of carts in one atomic upsert: cart events of one
 * cart can be handled at the same moment on several instances, and the
 * unique cart_id index keeps one row. Last activity only moves forward, and
 * a completed (or pruned) cart stays so. With `onlyMissing` (the backfill)
 * rows that exist are left as they are: the feed keeps those. Returns how
 * many rows were inserted or updated.
 */
export async function upsertCartActivities(
  manager: SqlEntityManager,
  rows: CartActivityUpsert[],
  onlyMissing: boolean
): Promise<number> {
  if (!rows.length) return 0
  const values = rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
  const params = rows.flatMap((r) => [
    newId("apca"),
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
 * Open carts of one lifetime class last active before `before`, oldest
 * first, after a keyset cursor. Each class's predicate matches its own
 * partial index, so the scan reads only that class's candidates.
 */
export async function listPruneCandidates(
  manager: SqlEntityManager,
  input: PruneCandidateQuery
): Promise<PruneCandidateRow[]> {
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
export async function countPruneCandidates(
  manager: SqlEntityManager,
  lifetimeClass: PruneClass,
  before: Date
): Promise<number> {
  const [{ count }] = await manager.execute(
    `select count(*)::int as count from autopilot_cart_activity
      where ${PRUNE_CLASS_WHERE[lifetimeClass]} and last_active_at < ?`,
    [before]
  )
  return Number(count)
}

/**
 * Sets the state of the activity rows of these carts, in one statement.
 * Returns how many rows it changed.
 */
export async function setCartActivityState(
  manager: SqlEntityManager,
  cartIds: string[],
  state: "open" | "completed" | "deleted"
): Promise<number> {
  if (!cartIds.length) return 0
  const rows = await rawRows(
    manager,
    `update autopilot_cart_activity set state = ?, updated_at = now()
      where cart_id = any(?) and deleted_at is null returning id`,
    [state, cartIds]
  )
  return rows.length
}
