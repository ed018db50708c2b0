import type { NotificationName } from "../catalog/notifications"
import type { MessageInfo } from "../types/messages"

const INFO: Record<NotificationName, MessageInfo> = {
  "autopilot.merchant.attention": {
    audience: "merchant",
    kind: "transactional",
    trigger:
      "A paid cart could not be completed by payment recovery, or an authorized payment is about to lapse uncaptured.",
  },
  "autopilot.merchant.job_paused": {
    audience: "merchant",
    kind: "transactional",
    trigger:
      "A job failed too many runs in a row and Autopilot switched it off.",
  },
  "autopilot.merchant.job_stale": {
    audience: "merchant",
    kind: "transactional",
    trigger: "A job has not succeeded for twice its schedule's interval.",
  },
  "autopilot.merchant.shipment_problem": {
    audience: "merchant",
    kind: "transactional",
    trigger:
      "A carrier reports a problem with a parcel, or a parcel going back to the shop.",
  },
  "autopilot.merchant.low_stock": {
    audience: "merchant",
    kind: "transactional",
    trigger:
      "Inventory reconciliation finds variants at or below their low-stock threshold (once per changed list).",
  },
  "autopilot.shipment.shipped": {
    audience: "customer",
    kind: "transactional",
    trigger: "Tracking starts for a parcel of the customer's order.",
  },
  "autopilot.shipment.out_for_delivery": {
    audience: "customer",
    kind: "transactional",
    trigger: "The carrier reports the parcel out for delivery.",
  },
  "autopilot.shipment.delivered": {
    audience: "customer",
    kind: "transactional",
    trigger: "The carrier reports the parcel delivered.",
  },
  "autopilot.shipment.problem": {
    audience: "customer",
    kind: "transactional",
    trigger:
      "The carrier reports a failed delivery attempt or a problem with the parcel.",
  },
  "autopilot.shipment.all_delivered": {
    audience: "customer",
    kind: "transactional",
    trigger: "The last of several parcels of an order is delivered.",
  },
  "autopilot.restock.confirm": {
    audience: "customer",
    kind: "transactional",
    trigger:
      "A shopper signs up for a back-in-stock alert and the shop asks for double opt-in.",
  },
  "autopilot.restock.available": {
    audience: "customer",
    kind: "marketing",
    trigger:
      "A variant a shopper is waiting for is in stock again (in waves, oldest signups first).",
  },
  "autopilot.merchant.shipment_late": {
    audience: "merchant",
    kind: "transactional",
    trigger:
      "A parcel is past the carrier's expected delivery, or has had no carrier news for days (once per parcel and episode).",
  },
  "autopilot.shipment.running_late": {
    audience: "customer",
    kind: "transactional",
    trigger:
      "A parcel of the customer's order is late or stuck (once per parcel; only with notify_customer_late).",
  },
  "autopilot.cart.reminder": {
    audience: "customer",
    kind: "marketing",
    trigger:
      "A cart with an email and items has been left alone for a step's delay of the reminder sequence.",
  },
}

/** Who reads a message, whether it is marketing, and when it goes out. */
export function messageInfo(name: NotificationName): MessageInfo {
  return INFO[name]
}
