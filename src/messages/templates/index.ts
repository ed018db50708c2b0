import type { NotificationName } from "../../catalog/notifications"
import type { MessageTemplate } from "../context"
import { cartReminder } from "./cart-reminder"
import { merchantAttention } from "./merchant-attention"
import { merchantJobPaused } from "./merchant-job-paused"
import { merchantJobStale } from "./merchant-job-stale"
import { merchantLowStock } from "./merchant-low-stock"
import { merchantShipmentProblem } from "./merchant-shipment-problem"
import { restockAvailable } from "./restock-available"
import { restockConfirm } from "./restock-confirm"
import { shipmentAllDelivered } from "./shipment-all-delivered"
import { shipmentDelivered } from "./shipment-delivered"
import { shipmentOutForDelivery } from "./shipment-out-for-delivery"
import { shipmentProblem } from "./shipment-problem"
import { merchantShipmentLate, shipmentRunningLate } from "./shipment-late"
import { shipmentShipped } from "./shipment-shipped"

/** One template per message. */
export const TEMPLATES: Record<NotificationName, MessageTemplate> = {
  "autopilot.merchant.attention": merchantAttention,
  "autopilot.merchant.job_paused": merchantJobPaused,
  "autopilot.merchant.job_stale": merchantJobStale,
  "autopilot.merchant.shipment_problem": merchantShipmentProblem,
  "autopilot.merchant.low_stock": merchantLowStock,
  "autopilot.shipment.shipped": shipmentShipped,
  "autopilot.shipment.out_for_delivery": shipmentOutForDelivery,
  "autopilot.shipment.delivered": shipmentDelivered,
  "autopilot.shipment.problem": shipmentProblem,
  "autopilot.shipment.all_delivered": shipmentAllDelivered,
  "autopilot.restock.confirm": restockConfirm,
  "autopilot.restock.available": restockAvailable,
  "autopilot.cart.reminder": cartReminder,
  "autopilot.merchant.shipment_late": merchantShipmentLate,
  "autopilot.shipment.running_late": shipmentRunningLate,
}
