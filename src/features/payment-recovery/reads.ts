import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

export function query(container: MedusaContainer) {
  return container.resolve(ContainerRegistrationKeys.QUERY)
}

/** The order each cart became, by cart id; carts with none are missing. */
export async function orderForCarts(
  container: MedusaContainer,
  cartIds: string[]
): Promise<Map<string, string>> {
  if (!cartIds.length) return new Map()
  const { data } = await query(container).graph({
    entity: "order_cart",
    fields: ["cart_id", "order_id"],
    filters: { cart_id: cartIds },
  })
  return new Map(
    (data as { cart_id: string; order_id: string }[]).map((r) => [
      r.cart_id,
      r.order_id,
    ])
  )
}
