import { randomInt } from "node:crypto"
import type { CartDiscountOutcome, CartDiscountType } from "../../../types"

/**
 * Pure rules of the discount codes in cart reminders (unit-tested): whether
 * a step offers one to a cart, the promotion that carries it, whether the
 * recovery link can apply it, whether an order used one, and what cart
 * pruning does with it.
 */

const HOUR = 3_600_000

/** A step's discount as the `steps` option holds it (type `none` excluded). */
export type StepDiscount = {
  type: CartDiscountType
  value: number
  currency_code?: string
  min_subtotal?: number
  valid_hours: number
}

/** What a reminder offers: the terms the message shows and the promotion carries. */
export type DiscountOffer = {
  type: CartDiscountType
  value: number
  /** The amount's currency (fixed only; null for a percentage). */
  currency_code: string | null
  min_subtotal: number | null
  expires_at: Date
}

export type OfferVerdict =
  { offer: DiscountOffer } | { skip: "other_currency" | "under_minimum" }

/**
 * Whether the step's discount goes to this cart, and on which terms. A
 * fixed amount without a currency is in the cart's currency; with one, a
 * cart in another currency gets no code (the amount would mean something
 * else). A cart whose item subtotal is already under `min_subtotal` gets
 * no code either: it could not apply. The code works `valid_hours` from now.
 */
export function discountOffer(
  discount: StepDiscount,
  cart: { currency_code: string; item_subtotal: number | null },
  now: Date
): OfferVerdict {
  const cartCurrency = cart.currency_code.toLowerCase()
  let currency: string | null = null
  if (discount.type === "fixed") {
    currency = (discount.currency_code ?? cartCurrency).toLowerCase()
    if (currency !== cartCurrency) return { skip: "other_currency" }
  }
  if (
    discount.min_subtotal !== undefined &&
    cart.item_subtotal !== null &&
    cart.item_subtotal < discount.min_subtotal
  ) {
    return { skip: "under_minimum" }
  }
  return {
    offer: {
      type: discount.type,
      value: discount.value,
      currency_code: currency,
      min_subtotal: discount.min_subtotal ?? null,
      expires_at: new Date(now.getTime() + discount.valid_hours * HOUR),
    },
  }
}

/** No 0/O, 1/I/L: read off an email and typed by hand. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

/**
 * A fresh code: `BACK-` and 12 random characters of 31 (59 bits from the
 * system's CSPRNG), in groups of four. Unguessable, and unique in practice;
 * Medusa's unique index on promotion codes catches the rest.
 */
export function newDiscountCode(
  random: (max: number) => number = randomInt
): string {
  let body = ""
  for (let i = 0; i < 12; i++) body += ALPHABET[random(ALPHABET.length)]
  return `BACK-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}`
}

/**
 * The promotion of a code (Medusa's `CreatePromotionDTO`): standard, active,
 * not automatic, usable once (`limit: 1`), off the order's items (`order`
 * target, spread across the items), with `min_subtotal` as a rule on the
 * cart's `item_subtotal` (Medusa's rule operators compare numbers). Its
 * campaign (see {@link campaignInput}) gives it its end.
 */
export function promotionInput(
  code: string,
  offer: DiscountOffer,
  campaignId: string,
  cart: { cart_id: string; step: number }
) {
  return {
    code,
    type: "standard" as const,
    status: "active" as const,
    is_automatic: false,
    limit: 1,
    campaign_id: campaignId,
    application_method: {
      type: offer.type,
      target_type: "order" as const,
      allocation: "across" as const,
      value: offer.value,
      ...(offer.currency_code ? { currency_code: offer.currency_code } : {}),
    },
    rules:
      offer.min_subtotal !== null
        ? [
            {
              attribute: "item_subtotal",
              operator: "gte" as const,
              values: [String(offer.min_subtotal)],
            },
          ]
        : [],
    metadata: {
      autopilot: {
        source: "cart-reminder",
        cart_id: cart.cart_id,
        step: cart.step,
      },
    },
  }
}

/**
 * The campaign that ends the code: one per code, named after it, from now
 * until `expires_at`. Medusa stops applying a promotion whose campaign has
 * ended.
 */
export function campaignInput(
  code: string,
  offer: Pick<DiscountOffer, "expires_at">,
  now: Date | string
) {
  // Workflow inputs arrive serialized: dates may be ISO strings.
  const start = new Date(now).getTime()
  return {
    name: `Cart reminder ${code}`,
    campaign_identifier: code,
    description: "Single-use code of an abandoned-cart reminder (Autopilot)",
    starts_at: new Date(Math.min(start, Date.now())),
    ends_at: new Date(offer.expires_at),
  }
}

/** The code's promotion as Medusa has it, or null when it is gone. */
export type PromotionFacts = {
  status: string
  limit: number | null
  used: number
  ends_at: Date | null
  currency_code: string | null
  min_subtotal: number | null
} | null

/**
 * What the recovery link does with the cart's code: `apply` it, `keep` it
 * (already on the cart), or the outcome that stops it. Checked in that
 * order: gone or no longer active (`removed`), past its end (`expired`),
 * spent (`used`), then the cart's currency and subtotal (`not_eligible`).
 */
export function applyVerdict(
  promotion: PromotionFacts,
  cart: {
    currency_code: string
    item_subtotal: number | null
    codes: string[]
  },
  code: string,
  now: Date
): "apply" | "keep" | Exclude<CartDiscountOutcome, "applied" | "failed"> {
  if (!promotion || promotion.status !== "active") return "removed"
  if (promotion.ends_at && promotion.ends_at.getTime() <= now.getTime()) {
    return "expired"
  }
  if (promotion.limit !== null && promotion.used >= promotion.limit) {
    return "used"
  }
  if (cart.codes.includes(code)) return "keep"
  if (
    promotion.currency_code &&
    promotion.currency_code.toLowerCase() !== cart.currency_code.toLowerCase()
  ) {
    return "not_eligible"
  }
  if (
    promotion.min_subtotal !== null &&
    cart.item_subtotal !== null &&
    cart.item_subtotal < promotion.min_subtotal
  ) {
    return "not_eligible"
  }
  return "apply"
}

/** The first of the cart's reminder codes the order used, or null. */
export function usedCode(
  orderCodes: string[],
  offered: string[]
): string | null {
  const used = new Set(orderCodes.map((c) => c.toUpperCase()))
  return offered.find((c) => used.has(c.toUpperCase())) ?? null
}

/**
 * What cart pruning does with a code still in place: `delete` its
 * promotion (and campaign) when it expired unused, or when its cart became
 * an order without it; `done` (nothing to delete) when the promotion is gone
 * already or an order used it — a used promotion stays, as the record of
 * that order's discount; `wait` while it can still be used.
 */
export function cleanupAction(
  code: {
    expires_at: Date | null
    /** The reminder's cart became an order. */
    cart_ordered: boolean
  },
  promotion: { used: number } | null,
  now: Date
): "delete" | "done" | "wait" {
  if (!promotion) return "done"
  if (promotion.used > 0) return "done"
  const expired =
    !!code.expires_at && code.expires_at.getTime() <= now.getTime()
  return expired || code.cart_ordered ? "delete" : "wait"
}
