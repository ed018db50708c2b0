import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { readCartsForPruning } from "../../lib/sql/cart"
import type { PruneClass } from "../../modules/autopilot/service"
import type { PrunableCart } from "../../workflows/carts/workflows/prune-carts"

export const PRUNE_CLASSES: PruneClass[] = ["empty", "anonymous", "customer"]

export type Lifetimes = {
  empty_hours: number
  anonymous_days: number
  customer_days: number
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Payment sessions that can hold or become money; any other blocks pruning. */
const DEAD_SESSION_STATUSES = ["canceled", "error"]

export function lifetimeMs(cls: PruneClass, lifetimes: Lifetimes): number {
  if (cls === "empty") return lifetimes.empty_hours * HOUR
  if (cls === "anonymous") return lifetimes.anonymous_days * DAY
  return lifetimes.customer_days * DAY
}

/** The class a cart is in now: no items; no email and no customer; a lead. */
export function classOf(cart: {
  item_count: number
  email: string | null
  customer_id: string | null
}): PruneClass {
  if (cart.item_count === 0) return "empty"
  if (!cart.email && !cart.customer_id) return "anonymous"
  return "customer"
}

/** What the pruning job knows about one cart after reading it through Query. */
export type CartFacts = {
  id: string
  email: string | null
  customer_id: string | null
  item_count: number
  /** The latest of the cart's, its items' and its activity row's times. */
  last_active_at: Date
  completed: boolean
  order_id: string | null
  /** A payment collection with a payment or a session not canceled/errored. */
  live_payment: boolean
  payment_collection_ids: string[]
  address_ids: string[]
  /** Credit lines, soft-deleted ones included, block the cart's delete. */
  has_credit_lines: boolean
}

export type Decision =
  | { kind: "prune"; cls: PruneClass }
  | { kind: "completed" }
  | { kind: "live_payment" }
  | { kind: "young"; cls: PruneClass }

/**
 * The safety rule, on what the cart is now (not what the activity row
 * said): never a cart that became an order, never one with a live payment,
 * never one younger than its class's lifetime.
 */
export function decide(
  facts: CartFacts,
  at: Date,
  lifetimes: Lifetimes
): Decision {
  if (facts.completed || facts.order_id) return { kind: "completed" }
  if (facts.live_payment) return { kind: "live_payment" }
  const cls = classOf(facts)
  const age = at.getTime() - facts.last_active_at.getTime()
  if (age < lifetimeMs(cls, lifetimes)) return { kind: "young", cls }
  return { kind: "prune", cls }
}

export function prunableOf(facts: CartFacts): PrunableCart {
  return {
    id: facts.id,
    archive_lead: !!(facts.email || facts.customer_id),
    has_credit_lines: facts.has_credit_lines,
    address_ids: facts.address_ids,
    payment_collection_ids: facts.payment_collection_ids,
  }
}

type PaymentLinkRow = {
  cart_id: string
  payment_collection_id: string
  payment_collection: {
    payment_sessions: { status: string }[] | null
    payments: { id: string }[] | null
  } | null
}

/**
 * Reads a batch of carts with their item counts (read-only SQL, see
 * `lib/sql/cart.ts`), their orders and their payment collections (Query),
 * each by cart id. Carts that no longer exist are missing from the map.
 */
export async function loadCartFacts(
  container: MedusaContainer,
  activity: { cart_id: string; last_active_at: Date }[]
): Promise<Map<string, CartFacts>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const ids = activity.map((a) => a.cart_id)
  if (!ids.length) return new Map()
  const [carts, { data: orders }, { data: payments }] = await Promise.all([
    readCartsForPruning(container, ids),
    query.graph({
      entity: "order_cart",
      fields: ["cart_id", "order_id"],
      filters: { cart_id: ids },
    }),
    query.graph({
      entity: "cart_payment_collection",
      fields: [
        "cart_id",
        "payment_collection_id",
        "payment_collection.payment_sessions.status",
        "payment_collection.payments.id",
      ],
      filters: { cart_id: ids },
    }),
  ])
  const orderOf = new Map(
    (orders as { cart_id: string; order_id: string }[]).map((o) => [
      o.cart_id,
      o.order_id,
    ])
  )
  const collections = new Map<string, PaymentLinkRow[]>()
  for (const row of payments as PaymentLinkRow[]) {
    const list = collections.get(row.cart_id) ?? []
    list.push(row)
    collections.set(row.cart_id, list)
  }
  const activityOf = new Map(activity.map((a) => [a.cart_id, a]))

  const facts = new Map<string, CartFacts>()
  for (const cart of carts) {
    const seen = activityOf.get(cart.id)!
    const links = collections.get(cart.id) ?? []
    const live = links.some(
      (l) =>
        (l.payment_collection?.payments ?? []).length > 0 ||
        (l.payment_collection?.payment_sessions ?? []).some(
          (s) => !DEAD_SESSION_STATUSES.includes(s.status)
        )
    )
    facts.set(cart.id, {
      id: cart.id,
      email: cart.email,
      customer_id: cart.customer_id,
      item_count: cart.item_count,
      last_active_at: new Date(
        Math.max(seen.last_active_at.getTime(), cart.changed_ms)
      ),
      completed: cart.completed,
      order_id: orderOf.get(cart.id) ?? null,
      live_payment: live,
      payment_collection_ids: live
        ? []
        : links.map((l) => l.payment_collection_id),
      address_ids: [cart.shipping_address_id, cart.billing_address_id].filter(
        (id): id is string => !!id
      ),
      has_credit_lines: !!cart.has_credit_lines,
    })
  }
  return facts
}
