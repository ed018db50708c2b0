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
  parseJson,
  requireSecret,
  requireSignature,
  sha256Hex,
  toDate,
  withCurrentEvent,
} from "../util"
import { mapSeventeenTrack } from "./mapping"

const API = "/track/v2.2"

type Event = {
  time_iso?: string | null
  time_utc?: string | null
  description?: string | null
  location?: string | null
  stage?: string | null
  sub_status?: string | null
}

export type SeventeenTrackInfo = {
  latest_status?: { status?: string; sub_status?: string | null } | null
  latest_event?: Event | null
  tracking?: { providers?: { events?: Event[] }[] } | null
  /** The delivery estimate, a window (`from`–`to`), when 17TRACK has one. */
  time_metrics?: {
    estimated_delivery_date?: {
      from?: string | null
      to?: string | null
    } | null
  } | null
}

export type SeventeenTrackItem = {
  number: string
  carrier?: number
  track_info?: SeventeenTrackInfo | null
}

type Answer<T> = {
  code?: number
  data?: {
    accepted?: T[]
    rejected?: { number: string; error?: { code?: number; message?: string } }[]
  }
}

export type SeventeenTrackConfig = {
  apiKey: string
  /** The key webhooks are signed with; 17TRACK's security key (defaults to the API key). */
  webhookSecret?: string
  http: HttpOptions
  now: () => Date
}

/** 17TRACK answers this for a number it was never asked to follow. */
const NOT_REGISTERED = /not.*regist|regist.*first/i

/**
 * 17TRACK API v2.2. Pull: `POST /gettrackinfo` with up to 40 numbers per
 * call; numbers 17TRACK does not follow yet are registered (`POST /register`)
 * and answer from the next check on. Push: `TRACKING_UPDATED` webhooks whose
 * `sign` header is the hex SHA-256 of `<raw body>/<security key>`.
 */
export class SeventeenTrackClient implements CarrierClient {
  readonly name = "17track" as const
  readonly batchSize = 40

  constructor(private readonly config: SeventeenTrackConfig) {}

  private post<T>(url: string, data: unknown) {
    return carrierRequest<Answer<T>>("17track", this.config.http, {
      method: "POST",
      url: `${API}${url}`,
      headers: { "17token": this.config.apiKey },
      data,
    })
  }

  async track(requests: TrackRequest[]): Promise<TrackResult[]> {
    const numbers = requests.map((r) => r.number)
    const body = (r: TrackRequest) => ({
      number: r.number,
      ...(r.carrier && /^\d+$/.test(r.carrier)
        ? { carrier: Number(r.carrier) }
        : {}),
    })
    let answer: Answer<SeventeenTrackItem>
    try {
      answer = await this.post<SeventeenTrackItem>(
        "/gettrackinfo",
        requests.map(body)
      )
      if (answer?.code !== 0 || !answer.data) {
        throw new CarrierHttpError(
          `17track: answer code ${answer?.code ?? "missing"} for gettrackinfo`
        )
      }
    } catch (e) {
      return failAll(numbers, e)
    }
    const results: TrackResult[] = (answer.data.accepted ?? []).map((item) =>
      this.parse(item)
    )
    const rejected = answer.data.rejected ?? []
    const unregistered = rejected.filter((r) =>
      NOT_REGISTERED.test(r.error?.message ?? "")
    )
    for (const r of rejected.filter((r) => !unregistered.includes(r))) {
      results.push({
        ok: false,
        number: r.number,
        error:
          `17track: ${r.error?.code ?? ""} ${r.error?.message ?? "rejected"}`.trim(),
      })
    }
    if (unregistered.length) {
      const byNumber = new Map(requests.map((r) => [r.number, r]))
      try {
        await this.post(
          "/register",
          unregistered.map((r) => body(byNumber.get(r.number) ?? r))
        )
        // Registered now; 17TRACK has its first answer on a later check.
        for (const r of unregistered) {
          results.push({
            ok: true,
            number: r.number,
            status: "pending",
            raw_status: "NotFound",
            message: "registered at 17TRACK",
            occurred_at: null,
            events: [],
          })
        }
      } catch (e) {
        results.push(
          ...failAll(
            unregistered.map((r) => r.number),
            e
          )
        )
      }
    }
    const answered = new Set(results.map((r) => r.number))
    for (const number of numbers.filter((n) => !answered.has(n))) {
      results.push({ ok: false, number, error: "17track: no answer for it" })
    }
    return results
  }

  parse(item: SeventeenTrackItem): TrackSuccess {
    const info = item.track_info ?? {}
    const toEvent = (e: Event) => {
      const sub = e.sub_status ?? null
      return {
        status: mapSeventeenTrack(sub?.split("_")[0], sub),
        raw_status: sub ?? "",
        message: e.description ?? null,
        location: e.location ?? null,
        occurred_at: toDate(e.time_utc ?? e.time_iso),
      }
    }
    const events = (info.tracking?.providers ?? [])
      .flatMap((p) => p.events ?? [])
      .map(toEvent)
      .filter((e): e is typeof e & { occurred_at: Date } => !!e.occurred_at)
    const status = info.latest_status?.status ?? "NotFound"
    const sub = info.latest_status?.sub_status ?? null
    const latest = info.latest_event ? toEvent(info.latest_event) : null
    return withCurrentEvent(
      {
        ok: true,
        number: item.number,
        status: mapSeventeenTrack(status, sub),
        raw_status: [status, sub].filter(Boolean).join("/"),
        message: latest?.message ?? null,
        occurred_at: latest?.occurred_at ?? null,
        events,
        carrier: item.carrier !== undefined ? String(item.carrier) : null,
        tracking_url: null,
        // The end of the window: a promise the parcel should keep.
        estimated_delivery:
          toDate(info.time_metrics?.estimated_delivery_date?.to) ??
          toDate(info.time_metrics?.estimated_delivery_date?.from),
      },
      this.config.now()
    )
  }

  verifyWebhook(request: WebhookRequest): WebhookUpdate[] {
    const key = requireSecret(this.config.webhookSecret ?? this.config.apiKey)
    requireSignature(
      header(request, "sign"),
      sha256Hex(`${request.rawBody.toString("utf8")}/${key}`),
      "sign"
    )
    const body = parseJson<{ event?: string; data?: SeventeenTrackItem }>(
      request.rawBody
    )
    if (body.event !== "TRACKING_UPDATED" || !body.data?.number) return []
    const { ok: _ok, ...update } = this.parse(body.data)
    return [update]
  }
}
