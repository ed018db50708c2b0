"use strict"
// A local stand-in for Stripe's API, enough of it for Medusa's own Stripe
// provider (@medusajs/payment-stripe) to create and read PaymentIntents as a
// real shop does. Requests are form-encoded as stripe-node sends them;
// answers follow Stripe's public API reference (objects, statuses, error
// envelope `{ error: { type, code, message } }`, `Retry-After` on 429).
//
//   POST /v1/payment_intents              create → status requires_payment_method
//   GET  /v1/payment_intents/:id          retrieve
//   POST /v1/payment_intents/:id          update (amount, metadata)
//   POST /v1/payment_intents/:id/confirm  → requires_action (redirect methods
//                                           such as iDEAL) or succeeded /
//                                           requires_capture (cards)
//   POST /v1/payment_intents/:id/capture  requires_capture → succeeded
//   POST /v1/payment_intents/:id/cancel   → canceled (400 once succeeded)
//   POST /v1/refunds                      { payment_intent, amount }
//
// The test controls the customer's side through the returned object:
// `setStatus(id, status)` (what the customer did on the bank's page) and
// `rateLimit(count, retryAfterSeconds)` (the next reads answer 429).
const http = require("node:http")
const crypto = require("node:crypto")
const { URLSearchParams } = require("node:url")

/**
 * Parses a form body as stripe-node encodes it (`a[b]=1&c[0]=x`) into
 * nested objects and arrays.
 * @param {string} raw
 */
function parseForm(raw) {
  /** @type {Record<string, any>} */
  const out = {}
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.replace(/\]/g, "").split("[")
    let node = out
    path.forEach((part, i) => {
      const last = i === path.length - 1
      const nextIsIndex = !last && /^\d+$/.test(path[i + 1])
      if (last) node[part] = value
      else node = node[part] ??= nextIsIndex ? [] : {}
    })
  }
  return out
}

/** @param {{ port?: number }} [opts] */
function startFakeStripe(opts = {}) {
  /** @type {Map<string, any>} */
  const intents = new Map()
  /** @type {{ payment_intent: string, amount: number }[]} */
  const refunds = []
  /** @type {{ method: string, path: string, at: number, intent: string | null }[]} */
  const requests = []
  let inFlight = 0
  let maxInFlight = 0
  /** @type {{ count: number, retryAfter: number } | null} */
  let limit = null
  let delayMs = 0

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, {
      "content-type": "application/json",
      "request-id": `req_${crypto.randomBytes(6).toString("hex")}`,
      ...headers,
    })
    res.end(JSON.stringify(body))
  }
  const fail = (res, status, type, message, extra = {}, headers = {}) =>
    send(res, status, { error: { type, message, ...extra } }, headers)

  const asPaymentMethod = (intent) =>
    intent.payment_method_types[0] === "ideal"
      ? { id: `pm_${intent.id.slice(3)}`, type: "ideal", ideal: {} }
      : { id: `pm_${intent.id.slice(3)}`, type: "card", card: {} }

  /** The object as retrieved, expanding `payment_method` when asked. */
  const view = (intent, expand) => ({
    ...intent,
    payment_method:
      intent.payment_method && expand.includes("payment_method")
        ? asPaymentMethod(intent)
        : intent.payment_method,
  })

  const server = http.createServer((req, res) => {
    let raw = ""
    req.on("data", (c) => (raw += c))
    req.on("end", async () => {
      const url = new URL(req.url, "http://fake")
      const parts = url.pathname.split("/").filter(Boolean)
      const body = parseForm(raw)
      const expand = [
        ...Object.values(body.expand ?? {}),
        ...url.searchParams.getAll("expand[]"),
        ...url.searchParams.getAll("expand[0]"),
      ]
      const intentId =
        parts[1] === "payment_intents" ? (parts[2] ?? null) : null
      requests.push({
        method: req.method,
        path: url.pathname,
        at: Date.now(),
        intent: intentId,
      })
      inFlight += 1
      maxInFlight = Math.max(maxInFlight, inFlight)
      try {
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs))
        handle(req, res, parts, body, expand)
      } finally {
        inFlight -= 1
      }
    })
  })

  function handle(req, res, parts, body, expand) {
    if (!req.headers.authorization?.startsWith("Bearer sk_test_")) {
      return fail(
        res,
        401,
        "invalid_request_error",
        "Invalid API Key provided",
        {},
        {}
      )
    }
    if (parts[0] !== "v1")
      return fail(res, 404, "invalid_request_error", "Unrecognized request URL")

    if (parts[1] === "refunds" && req.method === "POST") {
      const intent = intents.get(body.payment_intent)
      if (!intent)
        return fail(res, 404, "invalid_request_error", "No such payment_intent")
      const amount = Number(body.amount ?? intent.amount)
      refunds.push({ payment_intent: intent.id, amount })
      return send(res, 200, {
        id: `re_${crypto.randomBytes(8).toString("hex")}`,
        object: "refund",
        amount,
        payment_intent: intent.id,
        status: "succeeded",
      })
    }
    if (parts[1] !== "payment_intents")
      return fail(res, 404, "invalid_request_error", "Unrecognized request URL")

    if (req.method === "POST" && parts.length === 2) {
      const id = `pi_${crypto.randomBytes(12).toString("hex")}`
      const intent = {
        id,
        object: "payment_intent",
        amount: Number(body.amount),
        amount_received: 0,
        currency: String(body.currency ?? "eur"),
        capture_method: body.capture_method ?? "automatic",
        client_secret: `${id}_secret_${crypto.randomBytes(8).toString("hex")}`,
        created: Math.floor(Date.now() / 1000),
        customer: body.customer ?? null,
        description: body.description ?? null,
        last_payment_error: null,
        livemode: false,
        metadata: body.metadata ?? {},
        next_action: null,
        payment_method: null,
        payment_method_types: body.payment_method_types ?? ["card"],
        status: "requires_payment_method",
      }
      intents.set(id, intent)
      return send(res, 200, view(intent, expand))
    }

    const intent = intents.get(parts[2])
    if (!intent) {
      return fail(
        res,
        404,
        "invalid_request_error",
        `No such payment_intent: '${parts[2]}'`,
        { code: "resource_missing", param: "intent" }
      )
    }
    const action = parts[3] ?? null

    if (req.method === "GET" && !action) {
      if (limit && limit.count > 0) {
        limit.count -= 1
        return fail(
          res,
          429,
          "invalid_request_error",
          "Too many requests hit the API too quickly.",
          { code: "rate_limit" },
          {
            "retry-after": String(limit.retryAfter),
            "stripe-should-retry": "false",
          }
        )
      }
      return send(res, 200, view(intent, expand))
    }
    if (req.method !== "POST")
      return fail(res, 404, "invalid_request_error", "Unrecognized request URL")

    const unexpected = (what) =>
      fail(
        res,
        400,
        "invalid_request_error",
        `You cannot ${what} this PaymentIntent because it has a status of ${intent.status}.`,
        {
          code: "payment_intent_unexpected_state",
          payment_intent: view(intent, expand),
        }
      )

    switch (action) {
      case null:
        if (body.amount !== undefined) intent.amount = Number(body.amount)
        if (body.metadata)
          intent.metadata = { ...intent.metadata, ...body.metadata }
        return send(res, 200, view(intent, expand))
      case "confirm":
        if (
          !["requires_payment_method", "requires_confirmation"].includes(
            intent.status
          )
        )
          return unexpected("confirm")
        intent.payment_method = `pm_${intent.id.slice(3)}`
        if (intent.payment_method_types[0] === "ideal") {
          intent.status = "requires_action"
          intent.next_action = {
            type: "redirect_to_url",
            redirect_to_url: {
              url: `https://bank.example/ideal/${intent.id}`,
              return_url: body.return_url ?? null,
            },
          }
        } else settle(intent)
        return send(res, 200, view(intent, expand))
      case "capture":
        if (intent.status !== "requires_capture") return unexpected("capture")
        intent.status = "succeeded"
        intent.amount_received = intent.amount
        return send(res, 200, view(intent, expand))
      case "cancel":
        if (["succeeded", "canceled"].includes(intent.status))
          return unexpected("cancel")
        intent.status = "canceled"
        intent.cancellation_reason =
          body.cancellation_reason ?? "requested_by_customer"
        return send(res, 200, view(intent, expand))
      default:
        return fail(
          res,
          404,
          "invalid_request_error",
          "Unrecognized request URL"
        )
    }
  }

  /** A paid intent: captured at once, or left for a manual capture. */
  function settle(intent) {
    intent.next_action = null
    if (intent.capture_method === "manual") intent.status = "requires_capture"
    else {
      intent.status = "succeeded"
      intent.amount_received = intent.amount
    }
  }

  return new Promise((resolve) => {
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      const { port } = server.address()
      resolve({
        url: `http://127.0.0.1:${port}`,
        host: "127.0.0.1",
        port,
        intents,
        refunds,
        requests,
        /** The most requests the fake ever had open at once. */
        maxInFlight: () => maxInFlight,
        /**
         * What the customer did at the bank: `succeeded` (paid; or
         * `requires_capture` for a manual capture), `requires_action`,
         * `processing`, `canceled`, or `requires_payment_method` with
         * `last_payment_error` when `failed` is given.
         */
        setStatus(id, status) {
          const intent = intents.get(id)
          if (!intent) throw new Error(`no fake payment intent ${id}`)
          intent.payment_method ??= `pm_${intent.id.slice(3)}`
          if (status === "succeeded") settle(intent)
          else if (status === "failed") {
            intent.status = "requires_payment_method"
            intent.last_payment_error = {
              type: "invalid_request_error",
              code: "payment_method_provider_decline",
              message: "The customer's bank declined the payment.",
            }
          } else intent.status = status
        },
        /** The next `count` retrieves answer 429 with this Retry-After. */
        rateLimit(count, retryAfterSeconds) {
          limit = { count, retryAfter: retryAfterSeconds }
        },
        /** Every answer waits this long (to see overlapping requests). */
        setDelay(ms) {
          delayMs = ms
        },
        reset() {
          limit = null
          delayMs = 0
          maxInFlight = 0
          requests.length = 0
        },
        close() {
          server.closeAllConnections?.()
          return new Promise((r) => server.close(() => r()))
        },
      })
    })
  })
}

module.exports = { startFakeStripe, parseForm }
