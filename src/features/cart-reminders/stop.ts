/** Pure stop rules of a due reminder (unit-tested): why it must not go out. */
import { dueStep, type StopReason } from "./sequence"

/** The cart as read again right before the send. */
export type ReminderCartFacts = {
  state: "open" | "completed"
  /** Lower-cased, as on the activity row. */
  email: string | null
  item_count: number
  /** The newest of the cart's and its items' `updated_at`. */
  last_active_at: Date
  /** Whether the shopper consented, per the `consent` option. */
  consent_given: boolean
}

/**
 * What the last-moment checks know. The three lookups cost a query each and
 * are made one at a time, only when the verdict asks for them (undefined:
 * not looked up yet).
 */
export type ReminderFacts = {
  /** Null when the cart is gone. */
  cart: ReminderCartFacts | null
  /** What the activity row had seen: its `last_active_at` or `updated_at`, the later. */
  seen_until: Date
  /** The email unsubscribed from cart reminders. */
  unsubscribed?: boolean
  /** The shopper ordered since the cart's last activity. */
  ordered_since?: boolean
  /**
   * A payment of the cart is pending, needs more from the shopper or is
   * authorized at a provider: payment recovery owns the cart, not reminders.
   */
  payment_in_flight?: boolean
  /** Every item can still be bought in the cart's channel. */
  purchasable?: boolean
}

export type Lookup =
  "unsubscribed" | "ordered_since" | "payment_in_flight" | "purchasable"

export type Verdict =
  | { kind: "send" }
  | { kind: "stop"; reason: StopReason }
  | { kind: "look_up"; fact: Lookup }

export type Sequence = {
  /** Minutes of inactivity before each step. */
  steps: number[]
  stop_after_ms: number
}

const stop = (reason: StopReason): Verdict => ({ kind: "stop", reason })
const lookUp = (fact: Lookup): Verdict => ({ kind: "look_up", fact })

/**
 * Whether the due step `index` (0-based) of a cart may go out now: nothing
 * goes out when the cart is gone, completed, without email, emptied or
 * touched again since its row was written (and no step is due from that
 * new activity), when the email unsubscribed, consent is missing, the
 * shopper ordered since, a payment of the cart is in flight at a provider,
 * or an item can no longer be bought — checked in
 * that order, each lookup asked for only once the cheaper checks passed.
 */
export function checkReminder(
  facts: ReminderFacts,
  index: number,
  now: Date,
  sequence: Sequence
): Verdict {
  const cart = facts.cart
  if (!cart) return stop("cart_gone")
  if (cart.state === "completed") return stop("completed")
  if (!cart.email) return stop("no_email")
  if (!cart.item_count) return stop("empty")
  // Touched after its row was last written (an event may still be on its
  // way, or was lost): the clock restarts from the new activity.
  if (
    cart.last_active_at.getTime() > facts.seen_until.getTime() &&
    dueStep(
      sequence.steps,
      index,
      cart.last_active_at,
      now,
      sequence.stop_after_ms
    ) === null
  ) {
    return stop("active_again")
  }
  if (facts.unsubscribed === undefined) return lookUp("unsubscribed")
  if (facts.unsubscribed) return stop("unsubscribed")
  if (!cart.consent_given) return stop("no_consent")
  if (facts.ordered_since === undefined) return lookUp("ordered_since")
  if (facts.ordered_since) return stop("ordered_since")
  if (facts.payment_in_flight === undefined) return lookUp("payment_in_flight")
  if (facts.payment_in_flight) return stop("payment_in_flight")
  if (facts.purchasable === undefined) return lookUp("purchasable")
  if (!facts.purchasable) return stop("unavailable")
  return { kind: "send" }
}

/**
 * What a stop does to the cart's activity row (never on a dry run): a gone
 * cart's row is marked deleted; an unsubscribed or unconsented one is left
 * as it is; any other is brought up to date from the cart (completed,
 * emptied, touched again).
 */
export function stopEffect(
  reason: StopReason,
  cartRead: boolean
): "mark_deleted" | "refresh" | "none" {
  if (reason === "cart_gone") return "mark_deleted"
  if (!cartRead || reason === "unsubscribed" || reason === "no_consent") {
    return "none"
  }
  return "refresh"
}
