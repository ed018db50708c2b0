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
// "malformed" answers 200 with a garbage body of the path's content type.
const http = require("node:http")

/**
 * @typedef {{ type: "none" } | { type: "basic", username: string, password: string } | { type: "bearer", token: string }} FeedAuth
 */

/** @param {{ port?: number }} [opts] */
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
