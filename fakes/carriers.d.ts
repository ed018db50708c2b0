export type ScriptedEvent = {
  status: string
  at: string
  message?: string
  /** The carrier's delivery estimate from this event on (ISO). */
  estimated_delivery?: string
}

export type FakeCarrierRequest = {
  provider: "aftership" | "easypost" | "shippo" | "17track" | null
  method: string
  path: string
  /** Date.now() when the request arrived. */
  at: number
  /** The HTTP status answered (0: left hanging, a timeout). */
  status: number
  numbers: string[]
  /** Body bytes written ("oversized" and "drip" faults only). */
  bytesSent?: number
  /** The client hung up before the body ended ("oversized" and "drip" only). */
  aborted?: boolean
}

export type FakeCarriers = {
  url: string
  requests: FakeCarrierRequest[]
  script(number: string, events: ScriptedEvent[]): void
  register(provider: string, numbers: string[]): void
  injectFault(
    provider: string,
    mode: "429" | "500" | "timeout" | "malformed" | "oversized" | "drip",
    count?: number,
    retryAfter?: string
  ): void
  clearFaults(): void
  setRateLimit(perSecond: number | null): void
  reset(): void
  close(): Promise<void>
}

export function startFakeCarriers(opts?: {
  timeoutDelayMs?: number
  rateLimitPerSecond?: number | null
  /** Size of an "oversized" answer; 8 MiB by default. */
  oversizedBytes?: number
  /** How long a "drip" answer trickles; 10 s by default. */
  dripMs?: number
}): Promise<FakeCarriers>

/** How a signed webhook is authenticated where a provider offers a choice (Shippo). */
export type WebhookSigning = {
  /** Shippo: `?token=` in the URL (default) or the `Shippo-Auth-Signature` HMAC header. */
  shippo?: "token" | "hmac"
  /** Unix seconds the Shippo HMAC is made at; now by default. */
  timestamp?: number
}

export function carrierWebhook(
  provider: string,
  secret: string,
  number: string,
  events: ScriptedEvent[],
  opts?: WebhookSigning
): {
  body: string
  headers: Record<string, string>
  query: Record<string, string>
}

export function signCarrierWebhook(
  provider: string,
  secret: string,
  body: string,
  opts?: WebhookSigning
): { headers: Record<string, string>; query: Record<string, string> }

/** Shippo's `Shippo-Auth-Signature` value for `body` at `timestamp` (unix seconds, now by default). */
export function shippoSignature(
  secret: string,
  body: string,
  timestamp?: number
): string
