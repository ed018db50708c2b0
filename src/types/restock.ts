import type { ListPage, Timestamp } from "./common"

/**
 * `pending_confirmation` (double opt-in) → `active` → `notified`, or
 * `unsubscribed` / `expired`.
 */
export const RESTOCK_SUBSCRIPTION_STATUSES = [
  "pending_confirmation",
  "active",
  "notified",
  "unsubscribed",
  "expired",
] as const
export type RestockSubscriptionStatus =
  (typeof RESTOCK_SUBSCRIPTION_STATUSES)[number]

/** A shopper waiting for a sold-out variant in one sales channel. */
export type RestockSubscription<D extends Timestamp = string> = {
  id: string
  variant_id: string
  sales_channel_id: string
  email: string
  customer_id: string | null
  locale: string | null
  status: RestockSubscriptionStatus
  active_since: D | null
  confirmed_at: D | null
  notified_at: D | null
  wave_id: string | null
  unsubscribed_at: D | null
  expired_at: D | null
  converted_at: D | null
  converted_order_id: string | null
  created_at: D
  updated_at: D
}

/** The last wave of alerts a variant got. */
export type RestockWaveSummary<D extends Timestamp = string> = {
  at: D
  size: number
  sent: number
  /** Available quantity when the wave started (null: not inventory-managed). */
  available: number | null
}

/** One row of `GET /admin/autopilot/restock-demand`: shoppers waiting for a variant. */
export type RestockDemand<D extends Timestamp = string> = {
  variant_id: string
  product_id: string | null
  product_title: string | null
  variant_title: string | null
  sku: string | null
  waiting: number
  waiting_since: D
  last_wave: RestockWaveSummary<D> | null
}

/** `GET /admin/autopilot/restock-subscriptions` */
export type RestockSubscriptionListResponse<D extends Timestamp = string> =
  ListPage & { restock_subscriptions: RestockSubscription<D>[] }

/** `GET /admin/autopilot/restock-demand` (JSON) */
export type RestockDemandListResponse<D extends Timestamp = string> =
  ListPage & { restock_demand: RestockDemand<D>[] }

/**
 * `POST /store/restock-subscriptions`: 201 (new) or 200 (already waiting);
 * 202 without `id` when the job's `private_signup_response` is on.
 */
export type StoreRestockSubscriptionResponse = {
  restock_subscription: {
    /** Absent in the private answer (`private_signup_response`). */
    id?: string
    variant_id: string
    sales_channel_id: string
    status: RestockSubscriptionStatus
  }
  /** Whether this request made the subscription (201) or found it (200); absent in the private answer. */
  created?: boolean
}
