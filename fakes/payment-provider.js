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
//
// With `stateFile` (the persistent demo), payments are loaded from that JSON
// file at start when it exists and written back after every change, so the
// provider remembers them across restarts.
const http = require("node:http")
const crypto = require("node:crypto")
const fs = require("node:fs")
const path = require("node:path")

/**
 * @typedef {{ id: string, status: string, amount: number, currency: string, reference: string | null, created: string, refunded: number }} FakePayment
 */

/**
 * Reads a state file written by `saveState`; nothing when it does not exist.
 * @param {string} file
 * @returns {{ payments: Record<string, FakePayment>, refunds: { payment_id: string, amount: number }[] }}
 */
function loadState(file) {
  let raw
  try {
    raw = fs.readFileSync(file, "utf8")
  } catch (e) {
    if (e.code === "ENOENT") return { payments: {}, refunds: [] }
    throw e
  }
  try {
    const state = JSON.parse(raw)
    return { payments: state.payments ?? {}, refunds: state.refunds ?? [] }
  } catch (e) {
    throw new Error(
      `fake payment provider: cannot read state file ${file}: ${e.message}`
    )
  }
}

/** @param {{ port?: number, timeoutDelayMs?: number, stateFile?: string }} [opts] */
function startFakePaymentProvider(opts = {}) {
  const stateFile = opts.stateFile ? path.resolve(opts.stateFile) : null
  const initial = stateFile
    ? loadState(stateFile)
    : { payments: {}, refunds: [] }
  /** @type {Map<string, FakePayment>} */
  const payments = new Map(Object.entries(initial.payments))
  /** @type {{ payment_id: string, amount: number }[]} */
  const refunds = initial.refunds
  /** @type {{ mode: string, count: number } | null} */
  let fault = null
  const requests = []

  // Written whole and renamed into place, so a crash never leaves half a file.
  const saveState = () => {
    if (!stateFile) return
    fs.mkdirSync(path.dirname(stateFile), { recursive: true })
    const tmp = `${stateFile}.${process.pid}.tmp`
    const state = { payments: Object.fromEntries(payments), refunds }
    fs.writeFileSync(tmp, JSON.stringify(state, null, 2) + "\n")
    fs.renameSync(tmp, stateFile)
  }

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
        saveState()
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
        saveState()
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
        saveState()
        return send(res, 200, payment)
      }
      if (req.method === "POST" && parts[3] === "cancel") {
        if (payment.status !== "captured") payment.status = "canceled"
        saveState()
        return send(res, 200, payment)
      }
      if (req.method === "POST" && parts[3] === "refunds") {
        const amount = Number(body.amount ?? payment.amount)
        payment.refunded += amount
        refunds.push({ payment_id: payment.id, amount })
        saveState()
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
          saveState()
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
