import type { Timestamp } from "./common"
import type { CartLeadStatus } from "./carts"
import type { RestockSubscriptionStatus } from "./restock"

/** One back-in-stock signup of the customer, named as the admin names the variant. */
export type CustomerRestockSignup<D extends Timestamp = string> = {
  id: string
  variant_id: string
  product_id: string | null
  product_title: string | null
  variant_title: string | null
  sku: string | null
  status: RestockSubscriptionStatus
  created_at: D
  notified_at: D | null
  converted_order_id: string | null
  converted_order_display_id: number | null
}

/** One abandoned cart of the customer the reminders worked on. */
export type CustomerCartLead<D extends Timestamp = string> = {
  id: string
  cart_id: string
  status: CartLeadStatus
  reminders_sent: number
  last_reminder_at: D | null
  /** Cart total in the currency's main unit. */
  total: number | null
  currency_code: string | null
  last_active_at: D | null
  recovered_order_id: string | null
  recovered_order_display_id: number | null
}

/** `GET /admin/autopilot/customers/:id`: what Autopilot holds and did for one customer (by id and email). */
export type CustomerActivity<D extends Timestamp = string> = {
  customer_id: string
  email: string | null
  restock_signups: CustomerRestockSignup<D>[]
  cart_leads: CustomerCartLead<D>[]
  /** The customer asked for no more cart reminders (the reminder's unsubscribe link). */
  cart_reminders_opt_out: { since: D } | null
}

export type CustomerActivityResponse<D extends Timestamp = string> = {
  customer: CustomerActivity<D>
}
