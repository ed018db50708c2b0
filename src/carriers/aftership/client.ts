import { CarrierHttpError, carrierRequest, type HttpOptions } from "../http"
import type {
  CarrierClient,
  TrackRequest,
  TrackResult,
  TrackSuccess,
  WebhookRequest,
  WebhookUpdate,
} from "../types"
import {
  failAll,
  header,
  hmacSha256,
  location,
  parseJson,
  requireSecret,
  requireSignature,
  toDate,
  withCurrentEvent,
} from "../util"
import { mapAfterShip } from "./mapping"

/** The Tracking API version the client speaks. */
const API = "/tracking/2025-01"

type Checkpoint = {
  checkpoint_time?: string
  message?: string
  tag?: string
  subtag?: string
  location?: string | null
  city?: string | null
  country_region?: string | null
}

export type AfterShipTracking = {
  id?: string
  tracking_number: string
  slug?: string
  tag?: string
  subtag?: string
  subtag_message?: string
  updated_at?: string
  courier_tracking_link?: string | null
  aftership_tracking_url?: string | null
  /** The carrier's estimate (a date or date-time), when AfterShip has one. */
  expected_delivery?: string | null
  /** AfterShip's own estimate, when the carrier gives none. */
  aftership_estimated_delivery_date?: {
    estimated_delivery_date?: string | null
  } | null
  checkpoints?: Checkpoint[]
}

export type AfterShipConfig = {
  apiKey: string
  webhookSecret?: string
  http: HttpOptions
  now: () => Date
}

/**
 * AfterShip Tracking (API 2025-01). Pull: `GET /trackings?tracking_numbers=`
 * with up to 50 numbers; a number AfterShip does not follow yet is created
 * with `POST /trackings`. Push: `tracking_update` webhooks signed with
 * `aftership-hmac-sha256` (base64 HMAC-SHA256 of the raw body, webhook secret).
 */
export class AfterShipClient implements CarrierClient {
  readonly name = "aftership" as const
  readonly batchSize = 50

  constructor(private readonly config: AfterShipConfig) {}

  private request<T>(method: "GET" | "POST", url: string, extra: object) {
    return carrierRequest<T>("aftership", this.config.http, {
      method,
      url: `${API}${url}`,
      headers: { "as-api-key": this.config.apiKey },
      ...extra,
    })
  }

  async track(requests: TrackRequest[]): Promise<TrackResult[]> {
    const numbers = requests.map((r) => r.number)
    let trackings: AfterShipTracking[]
    try {
      const body = await this.request<{
        data?: { trackings?: AfterShipTracking[] }
      }>("GET", "/trackings", {
        params: { tracking_numbers: numbers.join(","), limit: 200 },
      })
      if (!Array.isArray(body?.data?.trackings)) {
        throw new CarrierHttpError(
          "aftership: unexpected answer (no data.trackings)"
        )
      }
      trackings = body.data.trackings
    } catch (e) {
      return failAll(numbers, e)
    }
    const byNumber = new Map(trackings.map((t) => [t.tracking_number, t]))
    const results: TrackResult[] = []
    for (const request of requests) {
      const found = byNumber.get(request.number)
      if (found) {
        results.push(this.parse(found))
        continue
      }
      // Not followed at AfterShip yet: start following it.
      try {
        const body = await this.request<{
          data?: AfterShipTracking | { tracking?: AfterShipTracking }
        }>("POST", "/trackings", {
          data: {
            tracking_number: request.number,
            ...(request.carrier ? { slug: request.carrier } : {}),
          },
        })
        const data = body?.data as
          (AfterShipTracking & { tracking?: AfterShipTracking }) | undefined
        const created = data?.tracking ?? data
        if (!created?.tracking_number) {
          throw new CarrierHttpError(
            "aftership: unexpected answer to create tracking"
          )
        }
        results.push(this.parse(created))
      } catch (e) {
        results.push(...failAll([request.number], e))
      }
    }
    return results
  }

  parse(t: AfterShipTracking): TrackSuccess {
    const events = (t.checkpoints ?? [])
      .map((c) => ({
        status: mapAfterShip(c.tag, c.subtag),
        raw_status: [c.tag, c.subtag].filter(Boolean).join("/"),
        message: c.message ?? null,
        location: c.location ?? location(c.city, c.country_region),
        occurred_at: toDate(c.checkpoint_time),
      }))
      .filter((e): e is typeof e & { occurred_at: Date } => !!e.occurred_at)
    const latest = [...events].sort(
      (a, b) => b.occurred_at.getTime() - a.occurred_at.getTime()
    )[0]
    return withCurrentEvent(
      {
        ok: true,
        number: t.tracking_number,
        status: mapAfterShip(t.tag, t.subtag),
        raw_status: [t.tag, t.subtag].filter(Boolean).join("/") || "Pending",
        message: t.subtag_message ?? latest?.message ?? null,
        occurred_at: latest?.occurred_at ?? toDate(t.updated_at),
        events,
        carrier: t.slug ?? null,
        tracking_url:
          t.courier_tracking_link ?? t.aftership_tracking_url ?? null,
        estimated_delivery:
          toDate(t.expected_delivery) ??
          toDate(t.aftership_estimated_delivery_date?.estimated_delivery_date),
      },
      this.config.now()
    )
  }

  verifyWebhook(request: WebhookRequest): WebhookUpdate[] {
    const secret = requireSecret(this.config.webhookSecret)
    requireSignature(
      header(request, "aftership-hmac-sha256"),
      hmacSha256(secret, request.rawBody, "base64"),
      "aftership-hmac-sha256 signature"
    )
    const body = parseJson<{ event?: string; msg?: AfterShipTracking }>(
      request.rawBody
    )
    if (body.event !== "tracking_update" || !body.msg?.tracking_number) {
      return []
    }
    const { ok: _ok, ...update } = this.parse(body.msg)
    return [update]
  }
}
