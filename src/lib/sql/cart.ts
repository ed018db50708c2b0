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
}

/**
 * The carts among `ids` that exist (soft-deleted ones count as gone, as in
 * Query), with what the pruning decision needs of their live line items
 * (how many, last changed) and whether they have credit lines: one
 * statement, by primary key and the line items' cart index. The items
 * themselves stay in the database: a lead's snapshot is taken there
 * ({@link CART_LEAD_SNAPSHOT_SQL}). Flags and numbers rather than dates:
 * a run holds thousands of these rows at once, and the fewer objects each
 * holds, the less the job's heap grows.
 */
export async function readCartsForPruning(
  container: MedusaContainer,
  ids: string[]
): Promise<CartForPruning[]> {
  if (!ids.length) return []
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows } = await knex.raw(
    `select c.id, c.email, c.customer_id,
            c.completed_at is not null as completed,
            c.shipping_address_id, c.billing_address_id,
            count(i.id)::int as item_count,
            (extract(epoch from greatest(c.updated_at, max(i.updated_at)))
              * 1000)::float8 as changed_ms,
            exists (select 1 from credit_line cl where cl.cart_id = c.id)
              as has_credit_lines
       from cart c
       left join cart_line_item i on i.cart_id = c.id and i.deleted_at is null
      where c.id = any(?) and c.deleted_at is null
      group by c.id`,
    [ids]
  )
  return rows as CartForPruning[]
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
