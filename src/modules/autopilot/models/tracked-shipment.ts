import { model } from "@medusajs/framework/utils"
import { SHIPMENT_STATUSES } from "../../../types"

/**
 * One parcel the shipment-tracking job follows: one per fulfillment label
 * (tracking number), at the provider routing chose. Holds the forward-only
 * status, when to look again, and which messages went out.
 */
export const TrackedShipment = model
  .define("autopilot_tracked_shipment", {
    id: model.id({ prefix: "apship" }).primaryKey(),
    /** `aftership`, `easypost`, `shippo`, `17track` or `sandbox`. */
    provider: model.text(),
    tracking_number: model.text(),
    /** The provider's carrier code (e.g. Shippo's `usps`), when known. */
    carrier: model.text().nullable(),
    tracking_url: model.text().nullable(),
    fulfillment_id: model.text(),
    /** The fulfillment label it came from. */
    label_id: model.text().nullable(),
    order_id: model.text().nullable(),
    status: model.enum([...SHIPMENT_STATUSES]).default("pending"),
    /** The furthest normal-path status reached; problems do not lower it. */
    progress_status: model.enum([...SHIPMENT_STATUSES]).default("pending"),
    /** The provider's own status and message behind `status`. */
    raw_status: model.text().nullable(),
    raw_message: model.text().nullable(),
    /** When the event behind `status` happened (carrier time). */
    last_event_at: model.dateTime().nullable(),
    /**
     * When the carrier's latest event happened, any event (a scan that does
     * not change the status too): a parcel quiet for its `stall_days` is stalled.
     */
    last_carrier_event_at: model.dateTime().nullable(),
    last_checked_at: model.dateTime().nullable(),
    /** Poll again from then (quiet window of the status); null once terminal. */
    next_check_at: model.dateTime().nullable(),
    /** When the fulfillment shipped; `max_tracking_days` counts from here. */
    started_at: model.dateTime(),
    delivered_at: model.dateTime().nullable(),
    /** The carrier's latest delivery estimate, when its answer gives one. */
    estimated_delivery_at: model.dateTime().nullable(),
    /**
     * Late or stuck, beside the carrier's status: `delayed` (past the
     * estimate and its grace) or `stalled` (no carrier event for the
     * status's `stall_days`); null when on time. Delivery clears it.
     */
    lateness: model.enum(["delayed", "stalled"]).nullable(),
    /** When the current `lateness` began (the estimate plus grace, or the stall's start). */
    late_since: model.dateTime().nullable(),
    /** When this plugin marked the fulfillment delivered in Medusa (once). */
    delivered_marked_at: model.dateTime().nullable(),
    /** The shipment was created with `no_notification`: no customer messages. */
    no_notification: model.boolean().default(false),
    /** A message for the current status (or "shipped") still has to go out. */
    notify_pending: model.boolean().default(true),
    /** Messages sent, by kind (`shipped`, `delivered`, …) → ISO time. */
    notified: model.json().nullable(),
    last_error: model.text().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_tracked_shipment_unique",
      on: ["provider", "tracking_number", "fulfillment_id"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    {
      name: "IDX_autopilot_tracked_shipment_number",
      on: ["provider", "tracking_number"],
    },
    {
      name: "IDX_autopilot_tracked_shipment_due",
      on: ["next_check_at", "id"],
      where: "deleted_at IS NULL AND next_check_at IS NOT NULL",
    },
    { name: "IDX_autopilot_tracked_shipment_order", on: ["order_id"] },
    {
      name: "IDX_autopilot_tracked_shipment_fulfillment",
      on: ["fulfillment_id"],
    },
    { name: "IDX_autopilot_tracked_shipment_status", on: ["status"] },
    {
      // The admin's late and stuck parcels.
      name: "IDX_autopilot_tracked_shipment_lateness",
      on: ["lateness"],
      where: "lateness IS NOT NULL AND deleted_at IS NULL",
    },
    {
      // The admin overview: parcels delivered per day.
      name: "IDX_autopilot_tracked_shipment_delivered_at",
      on: ["delivered_at"],
      where: "delivered_at IS NOT NULL AND deleted_at IS NULL",
    },
  ])
