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

/** A cart whose activity row {@link recordCartActivity} wrote. */
export type CartActivityWritten = {
  cart_id: string
  /** The row was created by this statement (not refreshed). */
  inserted: boolean
}

/**
 * Each of these carts' activity row as {@link upsertCartActivities} would
 * write it from the cart read through Query (`toActivityRow` in
 * `src/workflows/carts/utils/activity.ts`), derived by the database in the
 * statement that writes it. Live carts, live items and live order links
 * only, as Query reads them; times to the millisecond, as Query returns
 * them. Reads Medusa's `cart`, `cart_line_item`, `order_cart` and `order`
 * tables, read-only.
 */
const CART_ACTIVITY_SOURCE_SQL = `
  select c.id as cart_id,
         case when c.email is null or c.email = '' then null
              else lower(regexp_replace(c.email, '^\\s+|\\s+$', '', 'g')) end as email,
         c.customer_id, c.sales_channel_id, c.region_id, c.currency_code,
         coalesce(it.item_count, 0) as item_count,
         date_trunc('milliseconds', c.created_at) as cart_created_at,
         date_trunc('milliseconds', greatest(c.updated_at, it.changed_at)) as last_active_at,
         case when c.completed_at is not null or o.order_id is not null
              then 'completed' else 'open' end as state,
         date_trunc('milliseconds', c.completed_at) as completed_at,
         o.order_id
    from cart c
    left join lateral (
      select count(*)::int as item_count, max(i.updated_at) as changed_at
        from cart_line_item i
       where i.cart_id = c.id and i.deleted_at is null
    ) it on true
    left join lateral (
      select oc.order_id
        from order_cart oc
        join "order" ord on ord.id = oc.order_id and ord.deleted_at is null
       where oc.cart_id = c.id and oc.deleted_at is null
       limit 1
    ) o on true
   where c.id = any(?) and c.deleted_at is null
   order by c.id`

/**
 * The cart feed's write: the activity rows of these carts, refreshed from
 * the carts as they are now in one `insert … select … on conflict`
 * statement (no read into Node, no transaction of its own: one statement is
 * atomic). Same refresh rules as {@link upsertCartActivities}: last
 * activity only moves forward, a completed (or pruned) cart stays so. Carts
 * that do not exist (or are soft-deleted) are skipped. Rows are written in
 * cart id order, so two batches that share carts never deadlock.
 */
export async function recordCartActivity(
  manager: SqlEntityManager,
  cartIds: string[]
): Promise<CartActivityWritten[]> {
  if (!cartIds.length) return []
  return rawRows<CartActivityWritten>(
    manager,
    `insert into autopilot_cart_activity
       (id, cart_id, email, customer_id, sales_channel_id, region_id, currency_code,
        item_count, cart_created_at, last_active_at, state, completed_at, order_id)
     select 'apca_' || replace(gen_random_uuid()::text, '-', ''),
            s.cart_id, s.email, s.customer_id, s.sales_channel_id, s.region_id,
            s.currency_code, s.item_count, s.cart_created_at, s.last_active_at,
            s.state, s.completed_at, s.order_id
       from (${CART_ACTIVITY_SOURCE_SQL}) s
     on conflict (cart_id) where deleted_at is null
     ${CART_ACTIVITY_REFRESH}
     returning cart_id, (xmax = 0) as inserted`,
    [cartIds]
  )
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
