import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { newId } from "./raw"

/**
 * Claims one step of a cart's reminder sequence for a run: true when this
 * call inserted the ledger row. The unique (cart_id, step) index lets only
 * one of two overlapping runs claim it.
 */
export async function claimCartReminder(
  manager: SqlEntityManager,
  claim: { cart_id: string; step: number; email: string; run_id: string }
): Promise<boolean> {
  const rows = await manager.execute(
    `insert into autopilot_cart_reminder (id, cart_id, step, email, status, run_id)
     values (?, ?, ?, ?, 'claimed', ?)
     on conflict (cart_id, step) where deleted_at is null do nothing
     returning id`,
    [newId("apcr"), claim.cart_id, claim.step, claim.email, claim.run_id]
  )
  return rows.length > 0
}
