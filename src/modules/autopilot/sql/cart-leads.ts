import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { CART_LEAD_SNAPSHOT_SQL } from "../../../lib/sql/cart"
import { rawRows } from "./raw"

/** What {@link archiveCartLeads} replaced, for {@link unarchiveCartLeads}. */
export type CartLeadUndo = {
  created: string[]
  previous: Record<string, unknown>[]
}

/**
 * Upserts the lead of each of these carts that has an email or a customer
 * and at least one item and a total above zero (by cart id) as `archived` — or keeps it `recovered` — with the item
 * snapshot and total, in one statement whose source is the cart as it is
 * now and its activity row (last active, reminders sent). Returns what it
 * replaced, for a rollback: the cart ids whose lead it created and the
 * previous rows it changed.
 *
 * Reads tables the module does not own (as does the cart feed's
 * `recordCartActivity`): Medusa's `cart` and `cart_line_item`, read-only,
 * through `CART_LEAD_SNAPSHOT_SQL` (live carts and live items only). It
 * writes only `autopilot_cart_lead`.
 */
export async function archiveCartLeads(
  manager: SqlEntityManager,
  cartIds: string[],
  at: Date
): Promise<CartLeadUndo> {
  if (!cartIds.length) return { created: [], previous: [] }
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
      -- A lead needs something in the cart (isLead in src/shared/cart-lead.ts);
      -- an existing lead is still brought up to date.
      where (jsonb_array_length(s.items) > 0 and s.total > 0)
         or exists (select 1 from autopilot_cart_lead l
                     where l.cart_id = s.cart_id and l.deleted_at is null)
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

/**
 * Undoes {@link archiveCartLeads}: deletes the leads it created and writes
 * back the columns it changed on the others.
 */
export async function unarchiveCartLeads(
  manager: SqlEntityManager,
  undo: CartLeadUndo
): Promise<void> {
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
