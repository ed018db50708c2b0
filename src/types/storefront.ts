/**
 * The bodies the plugin's store routes accept, for a storefront's own code
 * (the typed client `medusa-plugin-autopilot/storefront`). They equal the
 * routes' zod validators (`z.infer`), which a unit test checks.
 */

/** `POST /store/restock-subscriptions` */
export type StoreRestockSubscribeRequest = {
  variant_id: string
  /** Required unless a customer is logged in (their email is used). */
  email?: string
  /** BCP 47, e.g. `de-DE`. */
  locale?: string
  /** Required when the publishable key has several sales channels. */
  sales_channel_id?: string
}

/**
 * `POST /store/autopilot/confirm`, `/unsubscribe`, `/cart-recovery` and
 * `/shipments/status`: the token of a message link.
 */
export type StoreTokenRequest = { token: string }

/** `POST /store/autopilot/shipments/lookup` */
export type StoreShipmentLookupRequest = {
  /** The order number the shopper sees (`#1042` → 1042). */
  order_display_id: number
  email: string
}

/** The body of every refusal of the plugin's store routes. */
export type StoreErrorBody = { type: string; message: string }
