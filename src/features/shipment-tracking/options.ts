import type { JobOptions } from "../../catalog/jobs"
import type { MedusaContainer } from "@medusajs/framework/types"
import { now } from "../../runtime/clock"
import { loadEffectiveSetting } from "../../runtime/settings"

/** `jobs["shipment-tracking"].options` after validation (see the catalog). */
export type ShipmentTrackingOptions = JobOptions<"shipment-tracking">

/** The job's options as they stand (admin override over plugin options), for routes and subscribers. */
export async function loadTrackingOptions(
  container: MedusaContainer
): Promise<ShipmentTrackingOptions> {
  const setting = await loadEffectiveSetting(container, "shipment-tracking")
  return setting.options as ShipmentTrackingOptions
}

export function carrierRuntime(options: ShipmentTrackingOptions) {
  return {
    timeoutMs: options.timeout_ms,
    maxRetryAfterSeconds: options.max_retry_after_seconds,
    now,
  }
}
