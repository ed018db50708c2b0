"use strict"
// A local stand-in for a merchant's external stock feed, for the tests: it
// serves whatever the test set, as CSV and as JSON, behind the auth the test
// asks for, and can be told to fail.
//
//   GET /feed.csv    the CSV body (content type text/csv unless set otherwise)
//   GET /feed.json   the JSON body (content type application/json unless set)
//
// Auth (`setAuth`): none, basic (user name and password) or bearer (a
// token); a request without the right credentials gets 401.
// Faults (`injectFault`) for the next `count` feed requests (every one when
// count is omitted): "500" answers HTTP 500, "timeout" never answers,
// "malformed" answers 200 with a garbage body of the path's content type,
// "oversized" streams `oversizedBytes` (32 MiB by default) of CSV rows and
// "drip" sends a byte every 100 ms for `dripMs` (10 s by default). For those
// two the request's entry says how many body bytes went out (`bytesSent`)
// and whether the client hung up before the end (`aborted`).
const http = require("node:http")

/**
 * @typedef {{ type: "none" } | { type: "basic", username: string, password: string } | { type: "bearer", token: string }} FeedAuth
 */

/** @param {{ port?: number, oversizedBytes?: number, dripMs?: number }} [opts] */
function startFakeStockFeed(opts = {}) {
  /** @type {{ csv: { body: string, contentType: string }, json: { body: string, contentType: string } }} */
  const feeds = {
    csv: { body: "sku,quantity\n", contentType: "text/csv; charset=utf-8" },
    json: { body: "[]", contentType: "application/json; charset=utf-8" },
  }
  /** @type {FeedAuth} */
  let auth = { type: "none" }
  /** @type {{ mode: string, count: number } | null} */
  let fault = null
  /** @type {{ method: string, path: string, authorization: string | null, status: number | null }[]} */
  const requests = []
  const sockets = new Set()

  const authorized = (header) => {
    if (auth.type === "none") return true
    if (!header) return false
    if (auth.type === "bearer") return header === `Bearer ${auth.token}`
    const expected = Buffer.from(`${auth.username}:${auth.password}`).toString(
      "base64"
    )
    return header === `Basic ${expected}`
  }

  /** Streams a big or a slow feed, noting how much of it went out. */
  const stream = (res, entry, mode, contentType) => {
    entry.status = 200
    entry.bytesSent = 0
    entry.aborted = false
    res.writeHead(200, { "content-type": contentType })
    res.on("close", () => {
      if (!res.writableFinished) entry.aborted = true
    })
    if (mode === "oversized") {
      const total = opts.oversizedBytes ?? 32 * 1024 * 1024
      const chunk = Buffer.from("SKU-0000000,1\n".repeat(4096))
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
      res.write("\n")
    }, 100)
  }

  const server = http.createServer((req, res) => {
    const path = new URL(req.url, "http://fake").pathname
    const entry = {
      method: req.method,
      path,
      authorization: req.headers.authorization ?? null,
      status: null,
    }
    requests.push(entry)
    const send = (status, body, contentType = "text/plain; charset=utf-8") => {
      entry.status = status
      res.writeHead(status, { "content-type": contentType })
      res.end(body)
    }

    const feed =
      path === "/feed.csv"
        ? feeds.csv
        : path === "/feed.json"
          ? feeds.json
          : null
    if (!feed || req.method !== "GET") return send(404, "not found")
    if (!authorized(req.headers.authorization)) {
      res.setHeader(
        "www-authenticate",
        auth.type === "basic" ? 'Basic realm="feed"' : "Bearer"
      )
      return send(401, "unauthorized")
    }
    if (fault && fault.count !== 0) {
      if (fault.count > 0) fault.count -= 1
      if (fault.mode === "timeout") return // never answers
      if (fault.mode === "500") return send(500, "internal server error")
      if (fault.mode === "oversized" || fault.mode === "drip") {
        return stream(res, entry, fault.mode, feed.contentType)
      }
      if (fault.mode === "malformed") {
        const garbage =
          feed === feeds.json
            ? '{"items": [{"sku": "A", "quant'
            : "<html><body>502 Bad Gateway</body></html>"
        return send(200, garbage, feed.contentType)
      }
    }
    return send(200, feed.body, feed.contentType)
  })
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })

  return new Promise((resolve) => {
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${server.address().port}`
      resolve({
        url,
        csvUrl: `${url}/feed.csv`,
        jsonUrl: `${url}/feed.json`,
        requests,
        /** Sets the CSV feed: text, or rows (quoted where needed). */
        setCsv(content, contentType = "text/csv; charset=utf-8") {
          const body = Array.isArray(content) ? toCsv(content) : content
          feeds.csv = { body, contentType }
        },
        /** Sets the JSON feed: a value to serialize, or a raw string. */
        setJson(content, contentType = "application/json; charset=utf-8") {
          const body =
            typeof content === "string" ? content : JSON.stringify(content)
          feeds.json = { body, contentType }
        },
        setAuth(next) {
          auth = next ?? { type: "none" }
        },
        injectFault(mode, count = -1) {
          fault = { mode, count }
        },
        clearFaults() {
          fault = null
        },
        /** Back to an empty feed without auth or faults, and no requests. */
        reset() {
          feeds.csv = {
            body: "sku,quantity\n",
            contentType: "text/csv; charset=utf-8",
          }
          feeds.json = {
            body: "[]",
            contentType: "application/json; charset=utf-8",
          }
          auth = { type: "none" }
          fault = null
          requests.length = 0
        },
        close() {
          for (const socket of sockets) socket.destroy()
          return new Promise((r) => server.close(() => r()))
        },
      })
    })
  })
}

/**
 * Rows (arrays of cells) as CSV; a cell with a comma, quote or line break
 * is quoted, quotes doubled.
 * @param {(string | number | null | undefined)[][]} rows
 */
function toCsv(rows) {
  const cell = (value) => {
    const text = value === null || value === undefined ? "" : String(value)
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  return rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n"
}

module.exports = { startFakeStockFeed, toCsv }
