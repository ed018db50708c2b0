import type { CanonicalStatus } from "../types"

/**
 * AfterShip Tracking delivery statuses (`tag`) → canonical status. Sub-statuses
 * (`subtag`) refine `Exception`: `Exception_010` (returning to sender) and
 * `Exception_011` (returned to sender) become `returned_to_sender`.
 */
export const AFTERSHIP_TAGS: Record<string, CanonicalStatus> = {
  Pending: "pending",
  InfoReceived: "info_received",
  InTransit: "in_transit",
  OutForDelivery: "out_for_delivery",
  AvailableForPickup: "available_for_pickup",
  AttemptFail: "attempt_failed",
  Delivered: "delivered",
  Exception: "exception",
  Expired: "expired",
}

const RETURNED_SUBTAGS = ["Exception_010", "Exception_011"]

export function mapAfterShip(
  tag: string | null | undefined,
  subtag?: string | null
): CanonicalStatus {
  if (subtag && RETURNED_SUBTAGS.includes(subtag)) return "returned_to_sender"
  return (tag && AFTERSHIP_TAGS[tag]) || "pending"
}
