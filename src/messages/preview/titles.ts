import type { NotificationName } from "../../catalog/notifications"

/** Each message as the merchant names it on the Messages page. */
export const MESSAGE_TITLES: Record<NotificationName, string> = {
  "autopilot.merchant.attention": "Payment needs your attention",
  "autopilot.merchant.job_paused": "Autopilot job paused",
  "autopilot.merchant.job_stale": "Autopilot job not running on time",
  "autopilot.merchant.shipment_problem": "Parcel problem (to you)",
  "autopilot.merchant.low_stock": "Low stock digest",
  "autopilot.shipment.shipped": "Order shipped",
  "autopilot.shipment.out_for_delivery": "Out for delivery",
  "autopilot.shipment.delivered": "Parcel delivered",
  "autopilot.shipment.problem": "Delivery problem",
  "autopilot.shipment.all_delivered": "Whole order delivered",
  "autopilot.restock.confirm": "Back-in-stock signup confirmation",
  "autopilot.restock.available": "Back in stock",
  "autopilot.cart.reminder": "Abandoned cart reminder",
  "autopilot.merchant.shipment_late": "Parcel late or stuck (to you)",
  "autopilot.shipment.running_late": "Parcel running late",
}
