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
import { mapEasyPost } from "./mapping"

type TrackingDetail = {
  message?: string | null
  status?: string
  status_detail?: string | null
  datetime?: string
  tracking_location?: {
    city?: string | null
    state?: string | null
    country?: string | null
  } | null
}

export type EasyPostTracker = {
  id?: string
  object?: string
  tracking_code: string
  status?: string
  status_detail?: string | null
  carrier?: string | null
  updated_at?: string
  public_url?: string | null
  /** The carrier's delivery estimate, when it gives one. */
  est_delivery_date?: string | null
  tracking_details?: TrackingDetail[]
}

export type EasyPostConfig = {
  apiKey: string
  webhookSecret?: string
  carrier?: string
  http: HttpOptions
  now: () => Date
}

/**
 * EasyPost Trackers. Pull: `POST /v2/trackers` per number (EasyPost answers
 * with the existing tracker for a code it already follows, so asking again is
 * a read). Push: `tracker.updated` / `tracker.created` events signed with
 * `X-Hmac-Signature: hmac-sha256-hex=<hex HMAC-SHA256 of the raw body>`,
 * keyed with the webhook secret (NFKD-normalised, as EasyPost's libraries do).
 */
export class EasyPostClient implements CarrierClient {
  readonly name = "easypost" as const
  readonly batchSize = 1

  constructor(private readonly config: EasyPostConfig) {}

  async track(requests: TrackRequest[]): Promise<TrackResult[]> {
    return Promise.all(requests.map((r) => this.trackOne(r)))
  }

  private async trackOne(request: TrackRequest): Promise<TrackResult> {
    const carrier = request.carrier ?? this.config.carrier
    try {
      const tracker = await carrierRequest<EasyPostTracker>(
        "easypost",
        this.config.http,
        {
          method: "POST",
          url: "/v2/trackers",
          auth: { username: this.config.apiKey, password: "" },
          data: {
            tracker: {
              tracking_code: request.number,
              ...(carrier ? { carrier } : {}),
            },
          },
        }
      )
      if (!tracker?.tracking_code) {
        throw new CarrierHttpError(
          "easypost: unexpected answer (no tracking_code)"
        )
      }
      return this.parse(tracker)
    } catch (e) {
      return failAll([request.number], e)[0]
    }
  }

  parse(t: EasyPostTracker): TrackSuccess {
    const events = (t.tracking_details ?? [])
      .map((d) => ({
        status: mapEasyPost(d.status, d.status_detail),
        raw_status: [d.status, d.status_detail].filter(Boolean).join("/"),
        message: d.message ?? null,
        location: location(
          d.tracking_location?.city,
          d.tracking_location?.state,
          d.tracking_location?.country
        ),
        occurred_at: toDate(d.datetime),
      }))
      .filter((e): e is typeof e & { occurred_at: Date } => !!e.occurred_at)
    const latest = [...events].sort(
      (a, b) => b.occurred_at.getTime() - a.occurred_at.getTime()
    )[0]
    return withCurrentEvent(
      {
        ok: true,
        number: t.tracking_code,
        status: mapEasyPost(t.status, t.status_detail),
        raw_status:
          [t.status, t.status_detail].filter(Boolean).join("/") || "unknown",
        message: latest?.message ?? null,
        occurred_at: latest?.occurred_at ?? toDate(t.updated_at),
        events,
        carrier: t.carrier ?? null,
        tracking_url: t.public_url ?? null,
        estimated_delivery: toDate(t.est_delivery_date),
      },
      this.config.now()
    )
  }

  verifyWebhook(request: WebhookRequest): WebhookUpdate[] {
    const secret = requireSecret(this.config.webhookSecret)
    const expected = `hmac-sha256-hex=${hmacSha256(
      Buffer.from(secret.normalize("NFKD"), "utf8"),
      request.rawBody,
      "hex"
    )}`
    requireSignature(
      header(request, "x-hmac-signature"),
      expected,
      "X-Hmac-Signature"
    )
    const body = parseJson<{
      description?: string
      result?: EasyPostTracker
    }>(request.rawBody)
    if (
      !["tracker.updated", "tracker.created"].includes(
        body.description ?? ""
      ) ||
      !body.result?.tracking_code
    ) {
      return []
    }
    const { ok: _ok, ...update } = this.parse(body.result)
    return [update]
  }
}
