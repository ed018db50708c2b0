import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * Read-only SQL on the cart module's tables. Query cannot express "cart
 * addresses that no cart refers to" (an anti-join over two foreign keys):
 * listing every address and every cart through the module would read the
 * whole tables into memory. Deleting what this finds goes through the cart
 * module's service.
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
