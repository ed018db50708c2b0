/** Where a send the plugin started stands in its own bookkeeping. */
export const NOTIFICATION_SEND_STATUSES = [
  /** Handed to Medusa's Notification module; no answer seen yet. */
  "sending",
  /** Medusa's row stayed `pending` past the grace period: maybe sent, maybe not. */
  "unconfirmed",
  /** The merchant sent it again, and that send went through. */
  "resent",
] as const
export type NotificationSendStatus = (typeof NOTIFICATION_SEND_STATUSES)[number]

/**
 * Every notification the plugin sends, by name. The name is also the default
 * template id handed to the notification provider; the `templates` plugin
 * option maps a name to the provider's own template id. Names not listed here
 * are rejected in options so that a typo cannot silently fall back to the
 * default.
 */
export const NOTIFICATION_NAMES = [
  // merchant alerts
  "autopilot.merchant.attention",
  "autopilot.merchant.job_paused",
  "autopilot.merchant.job_stale",
  "autopilot.merchant.shipment_problem",
  "autopilot.merchant.low_stock",
  // customer: shipment tracking
  "autopilot.shipment.shipped",
  "autopilot.shipment.out_for_delivery",
  "autopilot.shipment.delivered",
  "autopilot.shipment.problem",
  "autopilot.shipment.all_delivered",
  // customer: back in stock
  "autopilot.restock.confirm",
  "autopilot.restock.available",
  // customer: abandoned carts
  "autopilot.cart.reminder",
  // late or stuck parcels
  "autopilot.merchant.shipment_late",
  "autopilot.shipment.running_late",
] as const

export type NotificationName = (typeof NOTIFICATION_NAMES)[number]

/** The alerts that go to the merchant (email and webhooks), not to shoppers. */
export const MERCHANT_ALERT_NAMES = [
  "autopilot.merchant.attention",
  "autopilot.merchant.job_paused",
  "autopilot.merchant.job_stale",
  "autopilot.merchant.shipment_problem",
  "autopilot.merchant.low_stock",
  "autopilot.merchant.shipment_late",
] as const satisfies readonly NotificationName[]

export type MerchantAlertName = (typeof MERCHANT_ALERT_NAMES)[number]

export function isMerchantAlert(name: string): name is MerchantAlertName {
  return (MERCHANT_ALERT_NAMES as readonly string[]).includes(name)
}
