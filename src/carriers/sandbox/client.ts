import type {
  CanonicalStatus,
  CarrierClient,
  TrackRequest,
  TrackResult,
  WebhookRequest,
  WebhookUpdate,
} from "../types"
import {
  header,
  hmacSha256,
  parseJson,
  requireSecret,
  requireSignature,
  toDate,
} from "../util"
import { CANONICAL_STATUSES } from "../types"

/** The paths a sandbox parcel takes, chosen by its tracking number. */
export const SANDBOX_SCRIPTS: Record<string, CanonicalStatus[]> = {
  default: ["info_received", "in_transit", "out_for_delivery", "delivered"],
  /** A number containing `FAIL`: one failed attempt, then delivered. */
  FAIL: [
    "info_received",
    "in_transit",
    "out_for_delivery",
    "attempt_failed",
    "delivered",
  ],
  /** A number containing `RETURN`: an exception, then back to the sender. */
  RETURN: ["info_received", "in_transit", "exception", "returned_to_sender"],
}

export function sandboxScript(number: string): CanonicalStatus[] {
  const key = Object.keys(SANDBOX_SCRIPTS).find(
    (k) => k !== "default" && number.toUpperCase().includes(k)
  )
  return SANDBOX_SCRIPTS[key ?? "default"]
}

/** The status after `current` on the parcel's path (it stays at the end). */
export function nextSandboxStatus(
  number: string,
  current: CanonicalStatus | null | undefined
): CanonicalStatus {
  const script = sandboxScript(number)
  const at = current ? script.indexOf(current) : -1
  return script[Math.min(at + 1, script.length - 1)]
}

export type SandboxConfig = {
  webhookSecret?: string
  now: () => Date
}

/**
 * A carrier for the demo and tests, with no network: every check moves a
 * parcel one step along its path (see {@link SANDBOX_SCRIPTS}), so seeded
 * shipments reach delivered across job runs. Its webhooks (for trying the
 * route) carry `x-sandbox-signature`, the hex HMAC-SHA256 of the raw body.
 */
export class SandboxClient implements CarrierClient {
  readonly name = "sandbox" as const
  readonly batchSize = 100

  constructor(private readonly config: SandboxConfig) {}

  async track(requests: TrackRequest[]): Promise<TrackResult[]> {
    const at = this.config.now()
    return requests.map((r) => {
      const status = nextSandboxStatus(r.number, r.current)
      const event = {
        status,
        raw_status: `sandbox:${status}`,
        message: `Sandbox parcel ${status.replace(/_/g, " ")}`,
        location: "Sandbox",
        occurred_at: at,
      }
      return {
        ok: true as const,
        number: r.number,
        status,
        raw_status: event.raw_status,
        message: event.message,
        occurred_at: at,
        events: [event],
        carrier: "sandbox",
        tracking_url: null,
      }
    })
  }

  verifyWebhook(request: WebhookRequest): WebhookUpdate[] {
    const secret = requireSecret(this.config.webhookSecret)
    requireSignature(
      header(request, "x-sandbox-signature"),
      hmacSha256(secret, request.rawBody, "hex"),
      "x-sandbox-signature"
    )
    const body = parseJson<{
      number?: string
      status?: string
      message?: string
      occurred_at?: string
      /** An estimate to try the tracking page with. */
      estimated_delivery?: string
    }>(request.rawBody)
    const status = body.status as CanonicalStatus
    const at = toDate(body.occurred_at)
    if (!body.number || !CANONICAL_STATUSES.includes(status) || !at) return []
    const event = {
      status,
      raw_status: `sandbox:${status}`,
      message: body.message ?? null,
      location: null,
      occurred_at: at,
    }
    return [
      {
        number: body.number,
        status,
        raw_status: event.raw_status,
        message: event.message,
        occurred_at: at,
        events: [event],
        carrier: "sandbox",
        tracking_url: null,
        estimated_delivery: toDate(body.estimated_delivery),
      },
    ]
  }
}
