import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { rawRows } from "./raw"

/** Back-in-stock subscriptions of one variant, counted per status. */
export type RestockVariantCounts = {
  variant_id: string
  /** Active subscriptions: shoppers still waiting. */
  waiting: number
  /** When the longest-waiting shopper signed up (null: nobody waits). */
  waiting_since: Date | null
  /** Subscriptions alerted (notified), converted or not. */
  alerted: number
  /** Alerted shoppers who then bought the variant. */
  bought: number
}

/**
 * Per variant of `variantIds`: shoppers waiting, alerted and who bought,
 * in one grouped statement (the product page's widget). Variants without
 * any subscription are left out. Served by the (variant_id, …) index.
 */
export async function restockCountsByVariant(
  manager: SqlEntityManager,
  variantIds: string[]
): Promise<RestockVariantCounts[]> {
  if (!variantIds.length) return []
  return rawRows<RestockVariantCounts>(
    manager,
    `select variant_id,
            count(*) filter (where status = 'active')::int as waiting,
            min(created_at) filter (where status = 'active') as waiting_since,
            count(*) filter (where notified_at is not null)::int as alerted,
            count(*) filter (where converted_at is not null)::int as bought
       from autopilot_restock_subscription
      where variant_id = any(?) and deleted_at is null
      group by variant_id`,
    [variantIds]
  )
}
