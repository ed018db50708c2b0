import type { ListPage, Timestamp } from "./common"
import type { FieldLabels } from "./labels"

/** `open` (cart still exists) → `recovered` (became an order after a reminder) or `archived` (cart pruned). */
export const CART_LEAD_STATUSES = ["open", "recovered", "archived"] as const
export type CartLeadStatus = (typeof CART_LEAD_STATUSES)[number]

/** A guest checked out without an account; a customer has one. */
export const CART_LEAD_KINDS = ["guest", "customer"] as const
export type CartLeadKind = (typeof CART_LEAD_KINDS)[number]

/** The plugin's view of a cart: `open` → `completed` (an order) or `deleted` (pruned). */
export const CART_ACTIVITY_STATES = ["open", "completed", "deleted"] as const
export type CartActivityState = (typeof CART_ACTIVITY_STATES)[number]

/** A reminder step is claimed before it goes out and marked sent after. */
export const CART_REMINDER_STATUSES = ["claimed", "sent"] as const
export type CartReminderStatus = (typeof CART_REMINDER_STATUSES)[number]

/** A reminder step's discount: a share of the cart (`percentage`) or an amount off (`fixed`). */
export const CART_DISCOUNT_TYPES = ["percentage", "fixed"] as const
export type CartDiscountType = (typeof CART_DISCOUNT_TYPES)[number]

/**
 * What the recovery link did with the reminder's discount code: `applied`,
 * or why not: `expired` (past its end), `used` (spent on an order),
 * `removed` (cleaned up), `not_eligible` (the cart is under the minimum or
 * in another currency) or `failed` (Medusa refused it).
 */
export const CART_DISCOUNT_OUTCOMES = [
  "applied",
  "expired",
  "used",
  "removed",
  "not_eligible",
  "failed",
] as const
export type CartDiscountOutcome = (typeof CART_DISCOUNT_OUTCOMES)[number]

/** One line of a lead's item snapshot. */
export type CartLeadItem = {
  title?: string
  variant_title?: string
  sku?: string
  quantity?: number
  unit_price?: number
  thumbnail?: string | null
}

/** A shopper who left a cart with an email or a customer account. */
export type CartLead<D extends Timestamp = string> = {
  id: string
  cart_id: string
  email: string | null
  customer_id: string | null
  sales_channel_id: string | null
  region_id: string | null
  currency_code: string | null
  status: CartLeadStatus
  items: CartLeadItem[] | null
  total: number | string | null
  cart_created_at: D | null
  last_active_at: D | null
  reminders_sent: number
  /** The consent the reminders relied on. */
  consent: { mode?: string; given?: boolean } | null
  recovered_order_id: string | null
  recovered_total: number | string | null
  recovered_at: D | null
  /** The latest discount code a reminder offered, or null. */
  discount_code: string | null
  /** Whether the order that recovered the cart used one of its reminders' codes. */
  discount_used: boolean
  archived_at: D | null
  created_at: D
  updated_at: D
  /** Whether the shopper has an account (admin list only). */
  kind?: CartLeadKind
  /** Names of `customer_id` and `recovered_order_id`. */
  labels?: FieldLabels
}

/** `GET /admin/autopilot/leads` (JSON; `format=csv` downloads them) */
export type CartLeadListResponse<D extends Timestamp = string> = ListPage & {
  leads: CartLead<D>[]
}

/** `POST /store/autopilot/cart-recovery` */
export type StoreCartRecoveryResponse = {
  cart_id: string
  /**
   * The discount code of the cart's latest reminder, when one offered a
   * code: whether the link applied it to the cart, and when it ends.
   * Absent when no reminder of the cart offered one.
   */
  discount?: {
    code: string
    outcome: CartDiscountOutcome
    expires_at: string | null
  }
}
