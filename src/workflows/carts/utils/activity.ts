import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { CartActivityUpsert } from "../../../modules/autopilot/service"

/** The cart fields the activity row is built from (read through Query). */
export const CART_ACTIVITY_FIELDS = [
  "id",
  "email",
  "customer_id",
  "sales_channel_id",
  "region_id",
  "currency_code",
  "created_at",
  "updated_at",
  "completed_at",
  "items.id",
  "items.updated_at",
  "order.id",
]

export type CartForActivity = {
  id: string
  email: string | null
  customer_id: string | null
  sales_channel_id: string | null
  region_id: string | null
  currency_code: string | null
  created_at: string | Date
  updated_at: string | Date
  completed_at: string | Date | null
  items?: { id: string; updated_at: string | Date }[] | null
  order?: { id: string } | null
}

/**
 * The activity row of a cart. Its last activity is the newest of the cart's
 * and its items' `updated_at`: adding or changing an item does not always
 * touch the cart row itself.
 */
export function toActivityRow(cart: CartForActivity): CartActivityUpsert {
  const items = cart.items ?? []
  const times = [cart.updated_at, ...items.map((i) => i.updated_at)]
    .filter((t) => !!t)
    .map((t) => new Date(t).getTime())
  const completedAt = cart.completed_at ? new Date(cart.completed_at) : null
  return {
    cart_id: cart.id,
    email: cart.email ? cart.email.trim().toLowerCase() : null,
    customer_id: cart.customer_id ?? null,
    sales_channel_id: cart.sales_channel_id ?? null,
    region_id: cart.region_id ?? null,
    currency_code: cart.currency_code ?? null,
    item_count: items.length,
    cart_created_at: new Date(cart.created_at),
    last_active_at: new Date(Math.max(...times)),
    state: completedAt || cart.order?.id ? "completed" : "open",
    completed_at: completedAt,
    order_id: cart.order?.id ?? null,
  }
}

/** Reads carts for the activity feed through Query. */
export async function readCartsForActivity(
  container: MedusaContainer,
  filters: Record<string, unknown>,
  pagination?: { take: number; order: Record<string, "ASC" | "DESC"> }
): Promise<CartForActivity[]> {
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "cart",
      fields: CART_ACTIVITY_FIELDS,
      filters,
      ...(pagination && { pagination }),
    })
  return data as CartForActivity[]
}
