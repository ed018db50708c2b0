"use strict"
// A local stand-in for the tracking providers, for the tests and the
// benchmark: one HTTP server that answers as AfterShip, EasyPost, Shippo and
// 17TRACK would, in each provider's documented response shapes, for parcels
// a test scripts (a list of canonical statuses with times). Faults can be
// injected per provider: 429 with Retry-After, 500, timeouts, malformed JSON,
// an oversized answer ("oversized": `oversizedBytes`, 8 MiB by default,
// streamed in 64 KiB chunks) and a trickle ("drip": one byte every 100 ms for
// `dripMs`, 10 s by default, so no socket is ever idle); and a rate limit
// (requests per second) answered with 429 + Retry-After. For the last two the
// request's entry says how many body bytes went out (`bytesSent`) and whether
// the client hung up before the end (`aborted`).
//
//   AfterShip  GET  /tracking/2025-01/trackings?tracking_numbers=a,b   (as-api-key)
//              POST /tracking/2025-01/trackings                       { tracking_number }
//   EasyPost   POST /v2/trackers  { tracker: { tracking_code } }       (basic auth)
//   Shippo     GET  /tracks/:carrier/:number                          (ShippoToken)
//   17TRACK    POST /track/v2.2/gettrackinfo | /track/v2.2/register   (17token), ≤ 40 numbers
//
// The webhook helpers below build each provider's webhook body and sign it
// the way the provider documents.
const http = require("node:http")
const crypto = require("node:crypto")

/** canonical status → each provider's own status (and sub-status). */
const RAW = {
  aftership: {
    pending: ["Pending"],
    info_received: ["InfoReceived"],
    in_transit: ["InTransit"],
    out_for_delivery: ["OutForDelivery"],
    available_for_pickup: ["AvailableForPickup"],
    delivered: ["Delivered"],
    attempt_failed: ["AttemptFail"],
    exception: ["Exception"],
    returned_to_sender: ["Exception", "Exception_011"],
    expired: ["Expired"],
  },
  easypost: {
    pending: ["unknown"],
    info_received: ["pre_transit"],
    in_transit: ["in_transit"],
    out_for_delivery: ["out_for_delivery"],
    available_for_pickup: ["available_for_pickup"],
    delivered: ["delivered"],
    attempt_failed: ["failure", "delivery_attempted"],
    exception: ["failure"],
    returned_to_sender: ["return_to_sender"],
    expired: ["unknown"],
  },
  shippo: {
    pending: ["UNKNOWN"],
    info_received: ["PRE_TRANSIT"],
    in_transit: ["TRANSIT"],
    out_for_delivery: ["TRANSIT", "out_for_delivery"],
    available_for_pickup: ["TRANSIT", "pickup_available"],
    delivered: ["DELIVERED"],
    attempt_failed: ["FAILURE", "delivery_attempted"],
    exception: ["FAILURE"],
    returned_to_sender: ["RETURNED"],
    expired: ["UNKNOWN"],
  },
  "17track": {
    pending: ["NotFound"],
    info_received: ["InfoReceived"],
    in_transit: ["InTransit"],
    out_for_delivery: ["OutForDelivery"],
    available_for_pickup: ["AvailableForPickup"],
    delivered: ["Delivered"],
    attempt_failed: ["DeliveryFailure"],
    exception: ["Exception"],
    returned_to_sender: ["Exception", "Exception_Returned"],
    expired: ["Expired"],
  },
}

/** @typedef {{ status: string, at: string, message?: string, estimated_delivery?: string }} ScriptedEvent */

const latest = (events) =>
  [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).pop()

/** The delivery estimate the carrier gives now: the latest event's that has one. */
const estimateOf = (events) =>
  latest(events.filter((e) => e.estimated_delivery))?.estimated_delivery ?? null

/** AfterShip tracking object (2025-01). */
function aftershipTracking(number, events) {
  const last = latest(events)
  const [tag, subtag] = RAW.aftership[last?.status ?? "pending"]
  return {
    id: `as_${number}`,
    tracking_number: number,
    slug: "dhl",
    tag,
    subtag: subtag ?? `${tag}_001`,
    subtag_message: last?.message ?? tag,
    updated_at: last?.at ?? new Date().toISOString(),
    courier_tracking_link: `https://carrier.example/track/${number}`,
    aftership_estimated_delivery_date: estimateOf(events)
      ? {
          estimated_delivery_date: estimateOf(events),
          confidence_code: 90,
          estimated_delivery_date_min: null,
          estimated_delivery_date_max: null,
        }
      : null,
    checkpoints: events.map((e) => {
      const [t, s] = RAW.aftership[e.status]
      return {
        checkpoint_time: e.at,
        message: e.message ?? t,
        tag: t,
        subtag: s ?? `${t}_001`,
        location: "Berlin, DE",
      }
    }),
  }
}

/** EasyPost Tracker object. */
function easypostTracker(number, events) {
  const last = latest(events)
  const [status, detail] = RAW.easypost[last?.status ?? "pending"]
  return {
    id: `trk_${number}`,
    object: "Tracker",
    tracking_code: number,
    status,
    status_detail: detail ?? "status_update",
    carrier: "USPS",
    updated_at: last?.at ?? new Date().toISOString(),
    public_url: `https://track.easypost.example/${number}`,
    est_delivery_date: estimateOf(events),
    tracking_details: events.map((e) => {
      const [s, d] = RAW.easypost[e.status]
      return {
        object: "TrackingDetail",
        message: e.message ?? s,
        status: s,
        status_detail: d ?? "status_update",
        datetime: e.at,
        tracking_location: { city: "BERLIN", state: null, country: "DE" },
      }
    }),
  }
}

/** Shippo Track object. */
function shippoTrack(number, carrier, events) {
  const toStatus = (e) => {
    const [status, code] = RAW.shippo[e.status]
    return {
      status,
      status_details: e.message ?? status,
      status_date: e.at,
      substatus: code ? { code, text: code, action_required: false } : null,
      location: { city: "Berlin", state: null, country: "DE" },
    }
  }
  const last = latest(events)
  return {
    carrier,
    tracking_number: number,
    eta: estimateOf(events),
    tracking_status: last
      ? toStatus(last)
      : { status: "UNKNOWN", status_details: null, status_date: null },
    tracking_history: events.map(toStatus),
  }
}

/** 17TRACK v2.2 accepted item. */
function seventeenTrackItem(number, events) {
  const toEvent = (e) => {
    const [status, sub] = RAW["17track"][e.status]
    return {
      time_iso: e.at,
      time_utc: e.at,
      description: e.message ?? status,
      location: "Berlin",
      stage: status,
      sub_status: sub ?? `${status}_Other`,
    }
  }
  const last = latest(events)
  const [status, sub] = RAW["17track"][last?.status ?? "pending"]
  return {
    number,
    carrier: 100001,
    track_info: {
      latest_status: { status, sub_status: sub ?? `${status}_Other` },
      latest_event: last ? toEvent(last) : null,
      tracking: { providers: [{ events: events.map(toEvent) }] },
      time_metrics: {
        days_after_order: 0,
        days_of_transit: 0,
        days_of_transit_done: 0,
        days_after_last_update: 0,
        estimated_delivery_date: {
          source: estimateOf(events) ? "17TRACK" : null,
          from: estimateOf(events),
          to: estimateOf(events),
        },
      },
    },
  }
}

/** @param {{ timeoutDelayMs?: number, rateLimitPerSecond?: number | null, oversizedBytes?: number, dripMs?: number }} [opts] */
function startFakeCarriers(opts = {}) {
  /** @type {Map<string, ScriptedEvent[]>} */
  const parcels = new Map()
  const registered = new Set()
  /** @type {{ provider: string, mode: string, count: number, retryAfter?: string }[]} */
  let faults = []
  let rateLimit = opts.rateLimitPerSecond ?? null
  const recent = []
  const requests = []

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers })
    res.end(typeof body === "string" ? body : JSON.stringify(body))
  }

  /** Streams a big or a slow answer, noting how much of it went out. */
  const stream = (res, entry, mode) => {
    entry.bytesSent = 0
    entry.aborted = false
    res.writeHead(200, { "content-type": "application/json" })
    res.on("close", () => {
      if (!res.writableFinished) entry.aborted = true
    })
    if (mode === "oversized") {
      const total = opts.oversizedBytes ?? 8 * 1024 * 1024
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const pump = () => {
        while (entry.bytesSent < total && !res.destroyed) {
          const part = chunk.subarray(
            0,
            Math.min(chunk.length, total - entry.bytesSent)
          )
          entry.bytesSent += part.length
          if (!res.write(part)) return res.once("drain", pump)
        }
        if (!res.destroyed) res.end()
      }
      return pump()
    }
    const until = Date.now() + (opts.dripMs ?? 10_000)
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer)
      if (Date.now() >= until) {
        clearInterval(timer)
        return res.end()
      }
      entry.bytesSent += 1
      res.write(" ")
    }, 100)
  }

  const providerOf = (path) =>
    path.startsWith("/tracking/")
      ? "aftership"
      : path.startsWith("/v2/trackers")
        ? "easypost"
        : path.startsWith("/tracks/")
          ? "shippo"
          : path.startsWith("/track/v2.2")
            ? "17track"
            : null

  const server = http.createServer((req, res) => {
    let raw = ""
    req.on("data", (c) => (raw += c))
    req.on("end", () => {
      const url = new URL(req.url, "http://fake")
      const provider = providerOf(url.pathname)
      let body = null
      try {
        body = raw ? JSON.parse(raw) : null
      } catch {
        return send(res, 400, { error: "bad json" })
      }
      const entry = {
        provider,
        method: req.method,
        path: url.pathname,
        at: Date.now(),
        status: 200,
        numbers: [],
      }
      requests.push(entry)
      const reply = (status, payload, headers) => {
        entry.status = status
        send(res, status, payload, headers)
      }

      if (rateLimit) {
        const now = Date.now()
        while (recent.length && recent[0] <= now - 1000) recent.shift()
        if (recent.length >= rateLimit) {
          return reply(429, { error: "rate limited" }, { "retry-after": "1" })
        }
        recent.push(now)
      }
      const fault = faults.find(
        (f) => f.count > 0 && (f.provider === "*" || f.provider === provider)
      )
      if (fault) {
        fault.count -= 1
        if (fault.mode === "timeout") {
          entry.status = 0
          setTimeout(() => res.destroy(), opts.timeoutDelayMs ?? 5000)
          return
        }
        if (fault.mode === "429") {
          return reply(
            429,
            { meta: { code: 429, message: "Too many requests" } },
            { "retry-after": fault.retryAfter ?? "1" }
          )
        }
        if (fault.mode === "500") return reply(500, { error: "internal" })
        if (fault.mode === "malformed") return reply(200, "{ this is not json")
        if (fault.mode === "oversized" || fault.mode === "drip") {
          return stream(res, entry, fault.mode)
        }
      }
      const eventsOf = (n) => parcels.get(n) ?? []

      if (provider === "aftership") {
        if (!req.headers["as-api-key"])
          return reply(401, { meta: { code: 401 } })
        if (req.method === "GET") {
          const numbers = (url.searchParams.get("tracking_numbers") ?? "")
            .split(",")
            .filter(Boolean)
          entry.numbers = numbers
          if (numbers.length > 50) return reply(400, { meta: { code: 400 } })
          const trackings = numbers
            .filter((n) => parcels.has(n) || registered.has(`aftership:${n}`))
            .map((n) => aftershipTracking(n, eventsOf(n)))
          return reply(200, { meta: { code: 200 }, data: { trackings } })
        }
        const number = body?.tracking_number
        entry.numbers = [number]
        registered.add(`aftership:${number}`)
        return reply(201, {
          meta: { code: 201 },
          data: aftershipTracking(number, eventsOf(number)),
        })
      }
      if (provider === "easypost") {
        if (!String(req.headers.authorization ?? "").startsWith("Basic ")) {
          return reply(401, { error: { code: "APIKEY.REQUIRED" } })
        }
        const number = body?.tracker?.tracking_code
        entry.numbers = [number]
        return reply(200, easypostTracker(number, eventsOf(number)))
      }
      if (provider === "shippo") {
        if (
          !String(req.headers.authorization ?? "").startsWith("ShippoToken ")
        ) {
          return reply(401, { detail: "Invalid token." })
        }
        const [, , carrier, number] = url.pathname.split("/")
        entry.numbers = [decodeURIComponent(number)]
        return reply(
          200,
          shippoTrack(
            decodeURIComponent(number),
            carrier,
            eventsOf(decodeURIComponent(number))
          )
        )
      }
      if (provider === "17track") {
        if (!req.headers["17token"]) return reply(401, { code: -18010001 })
        const items = Array.isArray(body) ? body : []
        entry.numbers = items.map((i) => i.number)
        if (items.length > 40) {
          return reply(200, {
            code: -18010013,
            data: { errors: [{ message: "over 40 numbers" }] },
          })
        }
        if (url.pathname.endsWith("/register")) {
          items.forEach((i) => registered.add(`17track:${i.number}`))
          return reply(200, {
            code: 0,
            data: {
              accepted: items.map((i) => ({
                number: i.number,
                carrier: 100001,
              })),
              rejected: [],
            },
          })
        }
        const known = items.filter((i) => registered.has(`17track:${i.number}`))
        const unknown = items.filter(
          (i) => !registered.has(`17track:${i.number}`)
        )
        return reply(200, {
          code: 0,
          data: {
            accepted: known.map((i) =>
              seventeenTrackItem(i.number, eventsOf(i.number))
            ),
            rejected: unknown.map((i) => ({
              number: i.number,
              error: {
                code: -18019902,
                message:
                  "The tracking number is not registered, please register first.",
              },
            })),
          },
        })
      }
      reply(404, { error: "not found" })
    })
  })

  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        /** Sets a parcel's history (canonical statuses with ISO times). */
        script(number, events) {
          parcels.set(number, events)
        },
        /** Marks numbers as already followed at 17TRACK (registered). */
        register(provider, numbers) {
          numbers.forEach((n) => registered.add(`${provider}:${n}`))
        },
        injectFault(provider, mode, count = 1, retryAfter) {
          faults.push({ provider, mode, count, retryAfter })
        },
        clearFaults() {
          faults = []
        },
        setRateLimit(perSecond) {
          rateLimit = perSecond
          recent.length = 0
        },
        reset() {
          parcels.clear()
          registered.clear()
          faults = []
          requests.length = 0
          recent.length = 0
        },
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.()
            server.close(() => r())
          }),
      })
    })
  })
}

const hmac = (secret, body, encoding) =>
  crypto.createHmac("sha256", secret).update(body).digest(encoding)

/**
 * A provider's webhook for one parcel, signed as the provider documents:
 * returns the exact body to send, its headers, and the query (Shippo's token).
 * `opts` is passed to {@link signCarrierWebhook} (Shippo's HMAC form).
 */
function carrierWebhook(provider, secret, number, events, opts = {}) {
  let payload
  const headers = { "content-type": "application/json" }
  const query = {}
  if (provider === "aftership") {
    payload = {
      event: "tracking_update",
      event_id: crypto.randomUUID(),
      is_tracking_first_tag: false,
      msg: aftershipTracking(number, events),
      ts: Math.floor(Date.now() / 1000),
    }
  } else if (provider === "easypost") {
    payload = {
      object: "Event",
      id: `evt_${crypto.randomUUID()}`,
      description: "tracker.updated",
      mode: "test",
      result: easypostTracker(number, events),
      previous_attributes: {},
      created_at: new Date().toISOString(),
    }
  } else if (provider === "shippo") {
    payload = {
      event: "track_updated",
      test: true,
      data: shippoTrack(number, "usps", events),
    }
  } else if (provider === "17track") {
    payload = {
      event: "TRACKING_UPDATED",
      data: seventeenTrackItem(number, events),
    }
  } else if (provider === "sandbox") {
    const last = latest(events)
    payload = {
      number,
      status: last.status,
      message: last.message,
      occurred_at: last.at,
    }
  }
  const body = JSON.stringify(payload)
  const signed = signCarrierWebhook(provider, secret, body, opts)
  return {
    body,
    headers: { ...headers, ...signed.headers },
    query: { ...query, ...signed.query },
  }
}

/**
 * Shippo's HMAC header (its "Webhook security" page): `t=<unix seconds>,
 * v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the webhook secret>`.
 */
function shippoSignature(secret, body, timestamp) {
  const t = String(timestamp ?? Math.floor(Date.now() / 1000))
  return `t=${t},v1=${hmac(secret, `${t}.${body}`, "hex")}`
}

/**
 * The signature headers (or, for Shippo, the URL token) a provider sends
 * with `body`, as it documents them. Shippo: `opts.shippo` is "token" (the
 * default: `?token=` in the URL) or "hmac" (the `Shippo-Auth-Signature`
 * header, at `opts.timestamp` in unix seconds, now by default).
 */
function signCarrierWebhook(provider, secret, body, opts = {}) {
  const headers = {}
  const query = {}
  if (provider === "aftership")
    headers["aftership-hmac-sha256"] = hmac(secret, body, "base64")
  if (provider === "easypost")
    headers["x-hmac-signature"] =
      `hmac-sha256-hex=${hmac(Buffer.from(secret.normalize("NFKD")), body, "hex")}`
  if (provider === "shippo") {
    if (opts.shippo === "hmac")
      headers["shippo-auth-signature"] = shippoSignature(
        secret,
        body,
        opts.timestamp
      )
    else query.token = secret
  }
  if (provider === "17track")
    headers.sign = crypto
      .createHash("sha256")
      .update(`${body}/${secret}`)
      .digest("hex")
  if (provider === "sandbox")
    headers["x-sandbox-signature"] = hmac(secret, body, "hex")
  return { headers, query }
}

module.exports = {
  startFakeCarriers,
  carrierWebhook,
  signCarrierWebhook,
  shippoSignature,
}
