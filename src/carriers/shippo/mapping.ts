import type { CanonicalStatus } from "../types"

/** Shippo `tracking_status.status` → canonical status. */
export const SHIPPO_STATUSES: Record<string, CanonicalStatus> = {
  UNKNOWN: "pending",
  PRE_TRANSIT: "info_received",
  TRANSIT: "in_transit",
  DELIVERED: "delivered",
  RETURNED: "returned_to_sender",
  FAILURE: "exception",
}

/** Shippo `substatus.code` values that say more than the status does. */
export const SHIPPO_SUBSTATUSES: Record<string, CanonicalStatus> = {
  out_for_delivery: "out_for_delivery",
  pickup_available: "available_for_pickup",
  delivery_attempted: "attempt_failed",
  notice_left: "attempt_failed",
  return_to_sender: "returned_to_sender",
}

export function mapShippo(
  status: string | null | undefined,
  substatus?: string | null
): CanonicalStatus {
  const base = (status && SHIPPO_STATUSES[status]) || "pending"
  // A delivered or returned parcel stays so whatever its sub-status says.
  if (base === "delivered" || base === "returned_to_sender") return base
  return (substatus && SHIPPO_SUBSTATUSES[substatus]) || base
}
