import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * The ids among `cartIds` that still exist. Rollbacks use it: once a cart is
 * deleted there is nothing to undo for it (its lead stays archived, its
 * links stay gone), so compensations only restore what belongs to carts
 * that are still there.
 */
export async function existingCartIds(
  container: MedusaContainer,
  cartIds: string[]
): Promise<Set<string>> {
  if (!cartIds.length) return new Set()
  const carts = await container
    .resolve(Modules.CART)
    .listCarts({ id: cartIds }, { select: ["id"], take: null })
  return new Set(carts.map((c) => c.id))
}
