import type { MedusaContainer } from "@medusajs/framework/types"
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
  /**
   * When its completion, order link or a payment (collection, session)
   * last appeared, by the database's clock (epoch ms); null if none.
   */
  blocked_ms: number | null
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

/** The summary action of a cart kept because it changed after the plan. */
export const KEPT_CHANGED = "kept-changed-since-planned"

/**
 * Why a candidate the run did not delete was kept, as the run's summary
 * action; null when the run only corrects its activity row. A cart whose
 * blocking fact (order, completion, payment) or newest activity appeared
 * after `plannedAtMs` (when the batch was planned, by the database's
 * clock) changed during the run: {@link KEPT_CHANGED}. One that held a live
 * payment before: `kept-live-payment`.
 */
export function keptAction(
  decision: Decision,
  facts: CartFacts,
  plannedAtMs: number
): typeof KEPT_CHANGED | "kept-live-payment" | null {
  if (decision.kind === "prune") return null
  const changed =
    (facts.blocked_ms ?? 0) > plannedAtMs ||
    facts.last_active_at.getTime() > plannedAtMs
  if (changed) return KEPT_CHANGED
  return decision.kind === "live_payment" ? "kept-live-payment" : null
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

/**
 * Reads a batch of carts with what the decision needs of their items,
 * order and payment collections: one read-only statement
 * (`lib/sql/cart.ts`), by cart id. Carts that no longer exist are missing
 * from the map.
 */
export async function loadCartFacts(
  container: MedusaContainer,
  activity: { cart_id: string; last_active_at: Date }[]
): Promise<Map<string, CartFacts>> {
  const ids = activity.map((a) => a.cart_id)
  if (!ids.length) return new Map()
  const carts = await readCartsForPruning(container, ids, DEAD_SESSION_STATUSES)
  const activityOf = new Map(activity.map((a) => [a.cart_id, a]))
  const facts = new Map<string, CartFacts>()
  for (const cart of carts) {
    const seen = activityOf.get(cart.id)!
    facts.set(cart.id, {
      id: cart.id,
      email: cart.email,
      customer_id: cart.customer_id,
      item_count: cart.item_count,
      last_active_at: new Date(
        Math.max(seen.last_active_at.getTime(), cart.changed_ms)
      ),
      completed: cart.completed,
      order_id: cart.order_id,
      live_payment: cart.live_payment,
      payment_collection_ids: cart.live_payment
        ? []
        : cart.payment_collection_ids,
      address_ids: [cart.shipping_address_id, cart.billing_address_id].filter(
        (id): id is string => !!id
      ),
      has_credit_lines: !!cart.has_credit_lines,
      blocked_ms: cart.blocked_ms == null ? null : Number(cart.blocked_ms),
    })
  }
  return facts
}
