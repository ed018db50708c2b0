import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * Read-only SQL on the cart module's tables, for the reads Query cannot
 * do at scale. Nothing here writes: deletions go through the cart module.
 *
 * - "Cart addresses that no cart refers to" is an anti-join over two
 *   foreign keys; through the module it would mean reading both tables.
 * - The pruning job reads each batch of carts with their items. Through
 *   Query every cart and item is hydrated as an ORM entity: 2,000 carts
 *   with 4,000 items took 4–6 s (1 s without the items), against 0.15–0.2 s
 *   for the same rows here — the single largest cost of a prune batch.
 * - The leads the pruning job archives are snapshots of the carts' items,
 *   taken by the database in the statement that writes them (the plugin's
 *   own table), not read into Node and sent back.
 */

/**
 * The next `limit` cart addresses after `afterId` (in id order) that no cart
 * refers to as its shipping or billing address — soft-deleted carts
 * included — and that were created before `createdBefore` (an address is
 * created just before the cart update that points to it). Each NOT EXISTS is
 * an index probe with the plugin's cart indexes.
 */
export async function findOrphanCartAddresses(
  container: MedusaContainer,
  {
    afterId,
    createdBefore,
    limit,
  }: {
    afterId: string | null
    createdBefore: Date
    limit: number
  }
): Promise<{ ids: string[]; lastId: string | null }> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  // Walk a window of addresses in id order; the orphans are a subset of it.
  const { rows } = await knex.raw(
    `with window_ as (
       select id, created_at from cart_address
        where (?::text is null or id > ?)
        order by id
        limit ?)
     select w.id, (w.created_at < ?
                   and not exists (select 1 from cart c where c.shipping_address_id = w.id)
                   and not exists (select 1 from cart c where c.billing_address_id = w.id)) as orphan
       from window_ w
      order by w.id`,
    [afterId, afterId, limit, createdBefore]
  )
  const list = rows as { id: string; orphan: boolean }[]
  return {
    ids: list.filter((r) => r.orphan).map((r) => r.id),
    lastId: list.length ? list[list.length - 1].id : null,
  }
}

export type CartForPruning = {
  id: string
  email: string | null
  customer_id: string | null
  completed: boolean
  shipping_address_id: string | null
  billing_address_id: string | null
  /** Live line items. */
  item_count: number
  /** When the cart or one of its live line items last changed, epoch ms. */
  changed_ms: number
  /** Whether it has credit lines, soft-deleted ones included. */
  has_credit_lines: boolean
  /** The order made from it (its `order_cart` link), if any. */
  order_id: string | null
  /** Its payment collections (`cart_payment_collection` links). */
  payment_collection_ids: string[]
  /**
   * When something that keeps a cart from pruning last appeared, epoch ms
   * by the database's clock: its completion, its order link, a payment
   * collection link, a payment or a payment session (created or changed).
   * Null when it has none of them.
   */
  blocked_ms: number | null
  /**
   * Whether one of them holds a payment, or a session whose status is not
   * one of the dead statuses given to the read.
   */
  live_payment: boolean
}

/**
 * The carts among `ids` that exist (soft-deleted ones count as gone, as in
 * Query), with everything the pruning decision needs, in one read-only
 * statement by primary key and the link and item tables' cart indexes:
 * their live line items (how many, last changed), whether they have credit
 * lines, the order made from them, and their payment collections with
 * whether one holds a payment or a session not in `deadSessionStatuses`.
 * Link rows and payment rows count only when not soft-deleted, as Query
 * reads them. The items themselves stay in the database: a lead's snapshot
 * is taken there ({@link CART_LEAD_SNAPSHOT_SQL}). Flags and numbers rather
 * than dates: a run holds thousands of these rows at once, and the fewer
 * objects each holds, the less the job's heap grows. The job reads each
 * batch twice (to plan, then under the carts' locks), so one statement
 * instead of three reads (this, `order_cart` and `cart_payment_collection`
 * through Query, whose link reads take a statement per module) is what
 * keeps the re-check cheap.
 */
export async function readCartsForPruning(
  container: MedusaContainer,
  ids: string[],
  deadSessionStatuses: string[]
): Promise<CartForPruning[]> {
  if (!ids.length) return []
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows } = await knex.raw(
    `select c.id, c.email, c.customer_id,
            c.completed_at is not null as completed,
            c.shipping_address_id, c.billing_address_id,
            coalesce(it.item_count, 0) as item_count,
            (extract(epoch from greatest(c.updated_at, it.changed_at))
              * 1000)::float8 as changed_ms,
            exists (select 1 from credit_line cl where cl.cart_id = c.id)
              as has_credit_lines,
            (select oc.order_id from order_cart oc
              where oc.cart_id = c.id and oc.deleted_at is null
              limit 1) as order_id,
            coalesce(pc.ids, '{}') as payment_collection_ids,
            coalesce(pc.live, false) as live_payment,
            (extract(epoch from greatest(
               c.completed_at,
               (select max(oc.created_at) from order_cart oc
                 where oc.cart_id = c.id and oc.deleted_at is null),
               pc.changed_at)) * 1000)::float8 as blocked_ms
       from cart c
       left join lateral (
         select count(*)::int as item_count, max(i.updated_at) as changed_at
           from cart_line_item i
          where i.cart_id = c.id and i.deleted_at is null
       ) it on true
       left join lateral (
         select array_agg(cpc.payment_collection_id) as ids,
                bool_or(
                  exists (select 1 from payment p
                           where p.payment_collection_id = cpc.payment_collection_id
                             and p.deleted_at is null)
                  or exists (select 1 from payment_session ps
                              where ps.payment_collection_id = cpc.payment_collection_id
                                and ps.deleted_at is null
                                and ps.status <> all(?::text[]))
                ) as live,
                max(greatest(
                  cpc.created_at,
                  (select max(greatest(p.created_at, p.updated_at)) from payment p
                    where p.payment_collection_id = cpc.payment_collection_id
                      and p.deleted_at is null),
                  (select max(ps.updated_at) from payment_session ps
                    where ps.payment_collection_id = cpc.payment_collection_id
                      and ps.deleted_at is null))) as changed_at
           from cart_payment_collection cpc
          where cpc.cart_id = c.id and cpc.deleted_at is null
       ) pc on true
      where c.id = any(?) and c.deleted_at is null`,
    [deadSessionStatuses, ids]
  )
  return rows as CartForPruning[]
}

/** The database's clock now, epoch ms (the clock `created_at` defaults use). */
export async function databaseNowMs(
  container: MedusaContainer
): Promise<number> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows } = await knex.raw(
    `select (extract(epoch from clock_timestamp()) * 1000)::float8 as ms`
  )
  return Number(rows[0].ms)
}

/**
 * A lead's snapshot of each cart among the cart ids bound to `?` (an
 * array) that has an email or a customer: the cart's columns, its
 * live items (title, variant, SKU, quantity, unit price, thumbnail) as JSON,
 * their value at unit prices, and when the cart or an item last changed.
 * Used inside the autopilot module's `archiveCartLeads` as the source of an
 * `insert … select`: a batch of 2,000 carts' items read into Node and sent
 * back as a JSON parameter cost more than everything else in the batch.
 */
export const CART_LEAD_SNAPSHOT_SQL = `
  select c.id as cart_id, lower(nullif(c.email, '')) as email,
         c.customer_id, c.sales_channel_id, c.region_id, c.currency_code,
         c.created_at as cart_created_at,
         greatest(c.updated_at, max(i.updated_at)) as changed_at,
         coalesce(jsonb_agg(jsonb_build_object(
           'title', i.title, 'product_title', i.product_title,
           'variant_id', i.variant_id, 'variant_title', i.variant_title,
           'sku', i.variant_sku, 'quantity', i.quantity,
           'unit_price', i.unit_price, 'thumbnail', i.thumbnail) order by i.id)
           filter (where i.id is not null), '[]'::jsonb) as items,
         coalesce(sum(i.unit_price * i.quantity), 0) as total
    from cart c
    left join cart_line_item i on i.cart_id = c.id and i.deleted_at is null
   where c.id = any(?) and c.deleted_at is null
     and (nullif(c.email, '') is not null or c.customer_id is not null)
   group by c.id`
