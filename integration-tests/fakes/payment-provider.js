"use strict"
// A local stand-in for an external payment provider (PSP), for the tests and
// the demo: payments stay `pending` until told otherwise through the control
// API, like a customer who paid on the provider's page and never came back.
// Faults (timeouts, 500s, malformed JSON) can be injected for the status read.
//
//   POST /v1/payments                 { amount, currency, reference } → 201 payment
//   GET  /v1/payments/:id             → payment
//   POST /v1/payments/:id/capture     → payment (status captured)
//   POST /v1/payments/:id/cancel      → payment (status canceled)
//   POST /v1/payments/:id/refunds     { amount } → 201 refund
//   POST /_control/payments/:id       { status } (paid | captured | pending | failed | canceled | expired)
//   POST /_control/faults             { mode: "timeout" | "500" | "malformed", count }
const http = require("node:http")
const crypto = require("node:crypto")

/**
 * @typedef {{ id: string, status: string, amount: number, currency: string, reference: string | null, created: string, refunded: number }} FakePayment
 */

/** @param {{ port?: number, timeoutDelayMs?: number }} [opts] */
function startFakePaymentProvider(opts = {}) {
  /** @type {Map<string, FakePayment>} */
  const payments = new Map()
  /** @type {{ payment_id: string, amount: number }[]} */
  const refunds = []
  /** @type {{ mode: string, count: number } | null} */
  let fault = null
  const requests = []

  const send = (res, status, body) => {
    res.writeHead(status, { "content-type": "application/json" })
    res.end(typeof body === "string" ? body : JSON.stringify(body))
  }

  const server = http.createServer((req, res) => {
    let raw = ""
    req.on("data", (c) => (raw += c))
    req.on("end", () => {
      let body = {}
      try {
        body = raw ? JSON.parse(raw) : {}
      } catch {
        return send(res, 400, { error: { message: "invalid JSON" } })
      }
      const url = new URL(req.url, "http://fake")
      const parts = url.pathname.split("/").filter(Boolean)
      requests.push({ method: req.method, path: url.pathname })

      if (parts[0] === "_control") {
        if (parts[1] === "faults") {
          fault = body.mode ? { mode: body.mode, count: body.count ?? 1 } : null
          return send(res, 200, { fault })
        }
        const payment = payments.get(parts[2])
        if (!payment)
          return send(res, 404, { error: { message: "no such payment" } })
        payment.status = body.status
        return send(res, 200, payment)
      }

      if (parts[0] !== "v1" || parts[1] !== "payments") {
        return send(res, 404, { error: { message: "not found" } })
      }
      if (req.method === "POST" && parts.length === 2) {
        const payment = {
          id: `fpay_${crypto.randomBytes(8).toString("hex")}`,
          status: "pending",
          amount: Number(body.amount),
          currency: String(body.currency || "eur"),
          reference: body.reference ?? null,
          created: new Date().toISOString(),
          refunded: 0,
        }
        payments.set(payment.id, payment)
        return send(res, 201, payment)
      }
      const payment = payments.get(parts[2])
      if (!payment)
        return send(res, 404, { error: { message: "no such payment" } })

      if (req.method === "GET" && parts.length === 3) {
        if (fault && fault.count > 0) {
          fault.count -= 1
          if (fault.mode === "timeout") return // never answers
          if (fault.mode === "500")
            return send(res, 500, { error: { message: "internal error" } })
          if (fault.mode === "malformed") return send(res, 200, "{ not json")
        }
        return send(res, 200, payment)
      }
      if (req.method === "POST" && parts[3] === "capture") {
        payment.status = "captured"
        return send(res, 200, payment)
      }
      if (req.method === "POST" && parts[3] === "cancel") {
        if (payment.status !== "captured") payment.status = "canceled"
        return send(res, 200, payment)
      }
      if (req.method === "POST" && parts[3] === "refunds") {
        const amount = Number(body.amount ?? payment.amount)
        payment.refunded += amount
        refunds.push({ payment_id: payment.id, amount })
        return send(res, 201, {
          id: `fref_${refunds.length}`,
          payment_id: payment.id,
          amount,
        })
      }
      return send(res, 404, { error: { message: "not found" } })
    })
  })

  return new Promise((resolve) => {
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      const address = server.address()
      const url = `http://127.0.0.1:${address.port}`
      resolve({
        url,
        payments,
        refunds,
        requests,
        /** Sets a payment's status as the customer's action at the provider would. */
        setStatus(id, status) {
          const payment = payments.get(id)
          if (!payment) throw new Error(`no fake payment ${id}`)
          payment.status = status
        },
        /** The next `count` status reads fail with `mode`. */
        injectFault(mode, count = 1) {
          fault = { mode, count }
        },
        clearFaults() {
          fault = null
        },
        close() {
          server.closeAllConnections?.()
          return new Promise((r) => server.close(() => r()))
        },
      })
    })
  })
}

module.exports = { startFakePaymentProvider }
