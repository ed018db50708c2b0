import type { CanonicalStatus } from "../types"

/** EasyPost Tracker `status` → canonical status. */
export const EASYPOST_STATUSES: Record<string, CanonicalStatus> = {
  unknown: "pending",
  pre_transit: "info_received",
  in_transit: "in_transit",
  out_for_delivery: "out_for_delivery",
  available_for_pickup: "available_for_pickup",
  delivered: "delivered",
  return_to_sender: "returned_to_sender",
  failure: "exception",
  cancelled: "exception",
  error: "exception",
}

/** `failure` whose `status_detail` says the carrier tried to deliver is an attempt, not an exception. */
const ATTEMPT_DETAILS = ["delivery_attempted", "attempted_delivery"]

export function mapEasyPost(
  status: string | null | undefined,
  statusDetail?: string | null
): CanonicalStatus {
  if (statusDetail && ATTEMPT_DETAILS.includes(statusDetail)) {
    return "attempt_failed"
  }
  return (status && EASYPOST_STATUSES[status]) || "pending"
}
