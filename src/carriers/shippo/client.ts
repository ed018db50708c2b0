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
  location,
  parseJson,
  requireSecret,
  requireSignature,
  toDate,
  withCurrentEvent,
} from "../util"
import { mapShippo } from "./mapping"
import { verifyShippoSignature } from "./signature"

type ShippoStatus = {
  status?: string
  status_details?: string | null
  status_date?: string | null
  substatus?: { code?: string | null; text?: string | null } | null
  location?: {
    city?: string | null
    state?: string | null
    country?: string | null
  } | null
}

export type ShippoTrack = {
  carrier?: string
  tracking_number: string
  tracking_status?: ShippoStatus | null
  tracking_history?: ShippoStatus[]
  /** The carrier's latest delivery estimate, when it gives one. */
  eta?: string | null
}

export type ShippoConfig = {
  apiKey: string
  /**
   * The webhook secret (`providers.shippo.webhook_secret`): the key of
   * Shippo's HMAC (`Shippo-Auth-Signature`) or, the weaker way, the token
   * the webhook URL carries (`?token=`).
   */
  webhookToken?: string
  carrier?: string
  http: HttpOptions
  now: () => Date
}

/**
 * Shippo Tracking. Pull: `GET /tracks/{carrier}/{tracking_number}` (Shippo
 * needs the carrier token, e.g. `usps`). Push: `track_updated` webhooks,
 * authenticated one of two ways with the webhook secret:
 * - HMAC (Shippo enables it per account): the `Shippo-Auth-Signature` header
 *   signs the timestamp and the raw body, see {@link verifyShippoSignature};
 * - a token in the webhook URL (`?token=`), compared in constant time. The
 *   weaker way: the URL, token included, lands in access logs, and the token
 *   signs nothing, so a body can be changed or replayed with it.
 * A request carrying the header is judged by the header alone.
 */
export class ShippoClient implements CarrierClient {
  readonly name = "shippo" as const
  readonly batchSize = 1

  constructor(private readonly config: ShippoConfig) {}

  async track(requests: TrackRequest[]): Promise<TrackResult[]> {
    return Promise.all(requests.map((r) => this.trackOne(r)))
  }

  private async trackOne(request: TrackRequest): Promise<TrackResult> {
    const carrier = request.carrier ?? this.config.carrier
    if (!carrier) {
      return failAll(
        [request.number],
        "shippo: no carrier for this shipment (set `carrier` on a routing rule or providers.shippo.carrier)"
      )[0]
    }
    try {
      const track = await carrierRequest<ShippoTrack>(
        "shippo",
        this.config.http,
        {
          method: "GET",
          url: `/tracks/${encodeURIComponent(carrier)}/${encodeURIComponent(request.number)}`,
          headers: { authorization: `ShippoToken ${this.config.apiKey}` },
        }
      )
      if (!track?.tracking_number) {
        throw new CarrierHttpError(
          "shippo: unexpected answer (no tracking_number)"
        )
      }
      return this.parse(track)
    } catch (e) {
      return failAll([request.number], e)[0]
    }
  }

  parse(t: ShippoTrack): TrackSuccess {
    const toEvent = (s: ShippoStatus) => ({
      status: mapShippo(s.status, s.substatus?.code),
      raw_status: [s.status, s.substatus?.code].filter(Boolean).join("/"),
      message: s.status_details ?? s.substatus?.text ?? null,
      location: location(
        s.location?.city,
        s.location?.state,
        s.location?.country
      ),
      occurred_at: toDate(s.status_date),
    })
    const events = (t.tracking_history ?? [])
      .map(toEvent)
      .filter((e): e is typeof e & { occurred_at: Date } => !!e.occurred_at)
    const current = toEvent(t.tracking_status ?? { status: "UNKNOWN" })
    return withCurrentEvent(
      {
        ok: true,
        number: t.tracking_number,
        status: current.status,
        raw_status: current.raw_status || "UNKNOWN",
        message: current.message,
        occurred_at: current.occurred_at,
        events,
        carrier: t.carrier ?? null,
        tracking_url: null,
        estimated_delivery: toDate(t.eta),
      },
      this.config.now()
    )
  }

  verifyWebhook(request: WebhookRequest): WebhookUpdate[] {
    const secret = requireSecret(this.config.webhookToken)
    const signature = header(request, "shippo-auth-signature")
    if (signature !== undefined) {
      verifyShippoSignature(
        signature,
        request.rawBody,
        secret,
        this.config.now()
      )
    } else {
      const given = request.query.token
      requireSignature(
        typeof given === "string" ? given : undefined,
        secret,
        "token"
      )
    }
    const body = parseJson<{ event?: string; data?: ShippoTrack }>(
      request.rawBody
    )
    if (body.event !== "track_updated" || !body.data?.tracking_number) {
      return []
    }
    const { ok: _ok, ...update } = this.parse(body.data)
    return [update]
  }
}
