import type { CanonicalStatus } from "../types"

/** 17TRACK v2.2 `latest_status.status` → canonical status. */
export const SEVENTEEN_TRACK_STATUSES: Record<string, CanonicalStatus> = {
  NotFound: "pending",
  InfoReceived: "info_received",
  InTransit: "in_transit",
  Expired: "expired",
  AvailableForPickup: "available_for_pickup",
  OutForDelivery: "out_for_delivery",
  DeliveryFailure: "attempt_failed",
  Delivered: "delivered",
  Exception: "exception",
}

/** `Exception_Returning` and `Exception_Returned` are returns to the sender. */
const RETURNED_SUB_STATUSES = ["Exception_Returning", "Exception_Returned"]

export function mapSeventeenTrack(
  status: string | null | undefined,
  subStatus?: string | null
): CanonicalStatus {
  if (subStatus && RETURNED_SUB_STATUSES.includes(subStatus)) {
    return "returned_to_sender"
  }
  return (status && SEVENTEEN_TRACK_STATUSES[status]) || "pending"
}
