import type { ListPage, Timestamp } from "./common"
import type { FieldLabels } from "./labels"

/** The plugin's own shipment status set; each carrier's statuses map onto it. */
export const SHIPMENT_STATUSES = [
  "pending",
  "info_received",
  "in_transit",
  "out_for_delivery",
  "available_for_pickup",
  "delivered",
  "attempt_failed",
  "exception",
  "returned_to_sender",
  "expired",
] as const
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number]

/** Late or stuck, beside the carrier status: past the estimate, or no carrier news for days. */
export const SHIPMENT_LATENESS = ["delayed", "stalled"] as const
export type ShipmentLateness = (typeof SHIPMENT_LATENESS)[number]

/** Where a shipment event came from: a carrier webhook, a poll, or the plugin itself (expiry). */
export const SHIPMENT_EVENT_SOURCES = ["webhook", "poll", "system"] as const
export type ShipmentEventSource = (typeof SHIPMENT_EVENT_SOURCES)[number]

/** One event of a parcel's timeline. */
export type ShipmentEvent<D extends Timestamp = string> = {
  id: string
  shipment_id: string
  status: ShipmentStatus
  raw_status: string | null
  message: string | null
  location: string | null
  occurred_at: D
  source: ShipmentEventSource
  /** False: out of order or older than the current status, kept for the record. */
  applied: boolean
}

/** A parcel the shipment-tracking job follows. */
export type TrackedShipment<D extends Timestamp = string> = {
  id: string
  provider: string
  tracking_number: string
  carrier: string | null
  tracking_url: string | null
  fulfillment_id: string
  label_id: string | null
  order_id: string | null
  status: ShipmentStatus
  progress_status: ShipmentStatus
  raw_status: string | null
  raw_message: string | null
  last_event_at: D | null
  last_checked_at: D | null
  next_check_at: D | null
  started_at: D
  delivered_at: D | null
  /** The carrier's latest delivery estimate, when its answer gave one. */
  estimated_delivery_at: D | null
  /** `delayed` (past the estimate) or `stalled` (no carrier news for days); null when on time. */
  lateness: ShipmentLateness | null
  /** When the current lateness began. */
  late_since: D | null
  /** The carrier's latest event of any kind. */
  last_carrier_event_at: D | null
  delivered_marked_at: D | null
  no_notification: boolean
  notify_pending: boolean
  /** Messages sent, by kind (`shipped`, `delivered`, …) → ISO time. */
  notified: Record<string, string> | null
  last_error: string | null
  created_at: D
  updated_at: D
  /** With `order_id` only: the parcel's timeline, oldest first. */
  events?: ShipmentEvent<D>[]
  /** Name of `order_id` (its display id). */
  labels?: FieldLabels
}

/** Whether a carrier provider is usable, why not, and where its webhook goes. */
export type TrackingProvider = {
  name: string
  enabled: boolean
  reason: string | null
  webhook_url: string
}

/** `GET /admin/autopilot/shipments` */
export type TrackedShipmentListResponse<D extends Timestamp = string> =
  ListPage & {
    shipments: TrackedShipment<D>[]
    providers: TrackingProvider[]
  }

/** One carrier event of a parcel, as a shopper sees it. */
export type StoreShipmentCheckpoint<D extends Timestamp = string> = {
  /** When it happened (carrier time). */
  time: D
  status: ShipmentStatus
  /** The carrier's words, when it gave any. */
  description: string | null
  /** Where it happened, when the carrier says. */
  place: string | null
}

/** One parcel, as a storefront's tracking page shows it. */
export type StoreShipment<D extends Timestamp = string> = {
  status: ShipmentStatus
  /** The carrier's code (e.g. `ups`), when known. */
  carrier: string | null
  tracking_number: string
  /** The carrier's own tracking page (http/https only), when known. */
  tracking_url: string | null
  /** The carrier's latest status text. */
  status_message: string | null
  /** Oldest first. */
  checkpoints: StoreShipmentCheckpoint<D>[]
  /** When the carrier expects to deliver it; null when it gives no date. */
  estimated_delivery: D | null
  delivered_at: D | null
  /** This parcel's place among the order's parcels. */
  parcel: { index: number; total: number }
}

/**
 * `POST /store/autopilot/shipments/status` (the parcel of a tracking link)
 * and `POST /store/autopilot/shipments/lookup` (the parcels of an order).
 */
export type StoreShipmentStatusResponse<D extends Timestamp = string> = {
  order_display_id: number | null
  shipments: StoreShipment<D>[]
}
