import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { autopilotService } from "../../runtime/settings"
import {
  availabilityIn,
  loadVariants,
  soldIn,
} from "../../shared/variant-availability"
import {
  CART_ACTIVITY_FIELDS,
  type CartForActivity,
} from "../../workflows/carts/utils/activity"
import { isConsent, readPath, type StopReason } from "./sequence"

export type ReminderItem = {
  id: string
  title: string | null
  product_title: string | null
  variant_title: string | null
  variant_sku: string | null
  variant_id: string | null
  quantity: number
  thumbnail: string | null
  unit_price: number
}

export type ReminderCart = Omit<CartForActivity, "items"> & {
  items: (ReminderItem & { updated_at: string | Date })[]
  total: number | null
  subtotal: number | null
  item_total: number | null
  /** Items before discounts, excluding tax and shipping. */
  item_subtotal: number | null
  shipping_total: number | null
  tax_total: number | null
  discount_total: number | null
  customer?: Record<string, unknown> | null
  /** The shopper's language (BCP 47), when the storefront set one. */
  locale?: string | null
}

/**
 * The reminder as the customer's message shows it (template
 * `autopilot.cart.reminder`).
 */
export function reminderData(
  cart: ReminderCart,
  step: number,
  steps: number,
  links: { recovery_url: string; unsubscribe_url: string }
) {
  return {
    step,
    steps,
    cart_id: cart.id,
    email: cart.email,
    currency_code: cart.currency_code,
    locale: cart.locale ?? null,
    items: (cart.items ?? []).map((i) => ({
      title: i.product_title ?? i.title,
      product_title: i.product_title,
      variant_title: i.variant_title,
      sku: i.variant_sku,
      quantity: Number(i.quantity),
      thumbnail: i.thumbnail,
      unit_price: Number(i.unit_price),
    })),
    totals: {
      item_total: num(cart.item_total),
      subtotal: num(cart.subtotal),
      shipping_total: num(cart.shipping_total),
      discount_total: num(cart.discount_total),
      tax_total: num(cart.tax_total),
      total: num(cart.total),
    },
    ...links,
  }
}

export function num(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value)
}

/** Reads the carts of a batch with what a reminder shows and checks. */
export async function loadReminderCarts(
  container: MedusaContainer,
  cartIds: string[],
  consentField: string
): Promise<Map<string, ReminderCart>> {
  if (!cartIds.length) return new Map()
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "cart",
      fields: [
        ...CART_ACTIVITY_FIELDS,
        "items.title",
        "items.product_title",
        "items.variant_title",
        "items.variant_sku",
        "items.variant_id",
        "items.quantity",
        "items.thumbnail",
        "items.unit_price",
        "total",
        "subtotal",
        "item_total",
        "item_subtotal",
        "shipping_total",
        "tax_total",
        "discount_total",
        "locale",
        "customer.id",
        `customer.${consentField.split(".")[0]}`,
      ],
      filters: { id: cartIds },
    })
  return new Map((data as ReminderCart[]).map((c) => [c.id, c]))
}

/** Whether the customer consented, per the `consent` option. */
export function consentOf(
  cart: ReminderCart,
  mode: "all" | "marketing_opt_in",
  field: string
): { mode: string; field?: string; given: boolean } {
  if (mode === "all") return { mode, given: true }
  const value = cart.customer ? readPath(cart.customer, field) : undefined
  return { mode, field, given: isConsent(value) }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/**
 * Whether the shopper ordered since the cart's last activity: first in the
 * plugin's own table (another cart of that email completed, indexed by
 * email), then in Medusa's orders by customer (indexed) and by email.
 * Medusa's order table has no index on email, so that last lookup scans
 * orders; it runs only right before a send, never per candidate scan.
 */
export async function orderedSince(
  container: MedusaContainer,
  cart: { id: string; email: string; customer_id: string | null },
  since: Date
): Promise<boolean> {
  const service = autopilotService(container)
  const [other] = await service.listCartActivities(
    {
      email: cart.email,
      state: "completed",
      completed_at: { $gte: since },
    } as never,
    { select: ["id"], take: 1 }
  )
  if (other) return true
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const byCustomer = cart.customer_id
    ? { customer_id: cart.customer_id }
    : undefined
  const orFilters = [
    { email: { $ilike: escapeLike(cart.email) } },
    ...(byCustomer ? [byCustomer] : []),
  ]
  const { data } = await query.graph({
    entity: "order",
    fields: ["id"],
    filters: { $or: orFilters, created_at: { $gte: since } } as never,
    pagination: { take: 1 },
  })
  return data.length > 0
}

/** Session statuses of a payment still under way at the provider. */
export const IN_FLIGHT_SESSION_STATUSES = [
  "pending",
  "requires_more",
  "authorized",
]

/**
 * The system provider keeps nothing at a provider: its pending session is
 * only the payment method the shopper picked, so it never holds a cart.
 */
const NO_PROVIDER = "pp_system_default"

/**
 * Whether a payment of the cart is in flight at a provider: one of its
 * payment collections (Query, through the cart's link) has a session
 * pending, needing more or authorized at a real provider, that payment
 * recovery has not given up on (its `abandoned` record). Such a cart is
 * payment recovery's; a reminder would ask the shopper to pay twice.
 */
export async function paymentInFlight(
  container: MedusaContainer,
  cartId: string
): Promise<boolean> {
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "cart_payment_collection",
      fields: [
        "payment_collection.payment_sessions.id",
        "payment_collection.payment_sessions.status",
        "payment_collection.payment_sessions.provider_id",
      ],
      filters: { cart_id: cartId },
    })
  const sessions = (
    data as {
      payment_collection?: {
        payment_sessions?: { id: string; status: string; provider_id: string }[]
      } | null
    }[]
  ).flatMap((l) => l.payment_collection?.payment_sessions ?? [])
  const open = sessions.filter(
    (s) =>
      IN_FLIGHT_SESSION_STATUSES.includes(s.status) &&
      s.provider_id !== NO_PROVIDER
  )
  if (!open.length) return false
  const givenUp = await autopilotService(container).listPaymentRecoveries(
    { payment_session_id: open.map((s) => s.id), status: "abandoned" },
    { select: ["payment_session_id"], take: null }
  )
  const abandoned = new Set(givenUp.map((r) => r.payment_session_id))
  return open.some((s) => !abandoned.has(s.id))
}

/** Whether every item can still be bought in the cart's channel (in stock, backorder or unmanaged). */
export async function itemsPurchasable(
  container: MedusaContainer,
  cart: ReminderCart
): Promise<boolean> {
  const items = cart.items ?? []
  if (!items.length) return false
  const ids = items.map((i) => i.variant_id)
  if (ids.some((id) => !id)) return false
  const variants = await loadVariants(container, ids as string[])
  const found = [...variants.values()]
  if (found.length !== new Set(ids).size) return false
  if (
    found.some(
      (v) =>
        v.product?.status !== "published" ||
        (cart.sales_channel_id && !soldIn(v, cart.sales_channel_id))
    )
  ) {
    return false
  }
  const available = cart.sales_channel_id
    ? await availabilityIn(container, found, cart.sales_channel_id)
    : new Map(found.map((v) => [v.id, Number.POSITIVE_INFINITY]))
  const wanted = new Map<string, number>()
  for (const item of items) {
    wanted.set(
      item.variant_id!,
      (wanted.get(item.variant_id!) ?? 0) + Number(item.quantity)
    )
  }
  return [...wanted].every(([id, q]) => (available.get(id) ?? 0) >= q)
}

export type { StopReason }
