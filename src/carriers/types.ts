/**
 * The contract every carrier client fulfils. Carrier clients know nothing of
 * Medusa: they turn tracking numbers into canonical tracking results (pull)
 * and verify and parse the carriers' webhooks (push).
 */

/**
 * The plugin's own status set; each provider's statuses map onto it. They
 * are the shipment statuses the plugin stores, declared once in src/types.
 */
import {
  SHIPMENT_STATUSES as CANONICAL_STATUSES,
  type ShipmentStatus as CanonicalStatus,
} from "../types/shipments"

export { CANONICAL_STATUSES, type CanonicalStatus }

/** The providers the plugin ships, by the name used in options and webhook URLs. */
export const PROVIDER_NAMES = [
  "aftership",
  "easypost",
  "shippo",
  "17track",
  "sandbox",
] as const

export type ProviderName = (typeof PROVIDER_NAMES)[number]

export function isProviderName(name: string): name is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(name)
}

/** One parcel to look up. */
export type TrackRequest = {
  number: string
  /** The provider's own carrier code (e.g. `usps`, `dhl`), when known. */
  carrier?: string | null
  /** The status the plugin holds now (the sandbox moves one step from it). */
  current?: CanonicalStatus | null
}

/** One checkpoint of a parcel's history, mapped to the canonical status. */
export type TrackingEvent = {
  status: CanonicalStatus
  /** The provider's own status (and sub-status), e.g. `InTransit/InTransit_001`. */
  raw_status: string
  message: string | null
  location: string | null
  occurred_at: Date
}

export type TrackSuccess = {
  ok: true
  number: string
  /** The current status as the provider reports it. */
  status: CanonicalStatus
  raw_status: string
  message: string | null
  /** When the provider says the current status happened. */
  occurred_at: Date | null
  /** Every checkpoint the provider knows, in any order. */
  events: TrackingEvent[]
  carrier?: string | null
  tracking_url?: string | null
  /**
   * When the carrier expects to deliver, where its answer gives an estimate
   * (null or absent otherwise). A date-only estimate is midnight UTC.
   */
  estimated_delivery?: Date | null
}

export type TrackFailure = {
  ok: false
  number: string
  error: string
}

export type TrackResult = TrackSuccess | TrackFailure

/** What a verified webhook says about one parcel. */
export type WebhookUpdate = Omit<TrackSuccess, "ok">

export type WebhookRequest = {
  /** Header names in lower case, as Node gives them. */
  headers: Record<string, string | string[] | undefined>
  /** The body exactly as received: signatures are computed over these bytes. */
  rawBody: Buffer
  query: Record<string, unknown>
}

/** The webhook's signature (or token) is missing or wrong: answer 401, change nothing. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "WebhookSignatureError"
  }
}

export interface CarrierClient {
  readonly name: ProviderName
  /** Tracking numbers one `track` request can carry at most. */
  readonly batchSize: number
  /**
   * Looks up parcels. One result per request, in any order; a parcel the
   * provider could not answer for is a `TrackFailure`, never a throw. A
   * request that fails as a whole fails every parcel it carried.
   */
  track(requests: TrackRequest[]): Promise<TrackResult[]>
  /** Verifies a webhook over its raw body and parses it; throws {@link WebhookSignatureError}. */
  verifyWebhook?(request: WebhookRequest): WebhookUpdate[]
}

/** Why a configured provider cannot be used, or null when it can. */
export type ProviderAvailability = { enabled: boolean; reason: string | null }
