export type ScriptedEvent = { status: string; at: string; message?: string }

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

export function carrierWebhook(
  provider: string,
  secret: string,
  number: string,
  events: ScriptedEvent[]
): {
  body: string
  headers: Record<string, string>
  query: Record<string, string>
}

export function signCarrierWebhook(
  provider: string,
  secret: string,
  body: string
): { headers: Record<string, string>; query: Record<string, string> }
