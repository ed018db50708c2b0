import type { MedusaContainer } from "@medusajs/framework/types"
import type {
  CanonicalStatus,
  ProviderName,
  ProvidersOptions,
  RoutingRule,
} from "../../carriers"
import { now } from "../../runtime/clock"
import { loadEffectiveSetting } from "../../runtime/settings"

/** `jobs["shipment-tracking"].options` after validation (see the catalog). */
export type ShipmentTrackingOptions = {
  providers: ProvidersOptions
  routing: RoutingRule[]
  default_provider?: ProviderName
  quiet_hours: Partial<Record<CanonicalStatus, number>>
  max_tracking_days: number
  batch_size: number
  timeout_ms: number
  max_retry_after_seconds: number
  notify_customer: boolean
  notify_merchant: boolean
}

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
