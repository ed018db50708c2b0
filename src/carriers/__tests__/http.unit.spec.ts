import http, { type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import zlib from "node:zlib"
import {
  CarrierHttpError,
  carrierRequest,
  type HttpOptions,
  resetLimiters,
} from "../http"

/**
 * The carrier HTTP client on its own, against a bare server whose answers
 * each test sets: what it sends, what it reads, and that it keeps its
 * connections. (The clients' behaviour against the carrier simulator is in
 * clients.unit.spec.ts.)
 */

type Seen = {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
  /** The client's end of the connection the request came on. */
  port: number
}

let server: http.Server
let base: string
let seen: Seen[] = []
let answer: (req: IncomingMessage, res: ServerResponse) => void

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = ""
    req.on("data", (c) => (body += c))
    req.on("end", () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body,
        port: req.socket.remotePort!,
      })
      answer(req, res)
    })
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})
beforeEach(() => {
  resetLimiters()
  seen = []
  answer = (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" })
    res.end(JSON.stringify({ ok: true }))
  }
})

const options = (extra: Partial<HttpOptions> = {}): HttpOptions => ({
  baseUrl: base,
  timeoutMs: 2000,
  ratePerSecond: 1000,
  maxRetryAfterSeconds: 5,
  max429Retries: 3,
  ...extra,
})

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the request to fail")
    },
    (e: unknown) => e as CarrierHttpError
  )

describe("carrierRequest", () => {
  it("sends the path under the base URL's path, params, JSON and credentials", async () => {
    const body = await carrierRequest<{ ok: boolean }>(
      "test",
      options({ baseUrl: `${base}/api`, headers: { "X-Provider": "p" } }),
      {
        method: "POST",
        url: "/v2/things",
        params: { numbers: "A 1,B/2", limit: 200 },
        data: { thing: { code: "é" } },
        auth: { username: "key", password: "" },
        headers: { "x-request": "r" },
      }
    )
    expect(body).toEqual({ ok: true })
    const [request] = seen
    expect(request.method).toBe("POST")
    expect(request.url).toBe("/api/v2/things?numbers=A%201,B%2F2&limit=200")
    expect(JSON.parse(request.body)).toEqual({ thing: { code: "é" } })
    expect(request.headers).toMatchObject({
      accept: "application/json",
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(request.body)),
      authorization: `Basic ${Buffer.from("key:").toString("base64")}`,
      "x-provider": "p",
      "x-request": "r",
    })
  })

  it("sends a GET without a body", async () => {
    await carrierRequest("test", options(), { method: "GET", url: "/x" })
    expect(seen[0]).toMatchObject({ method: "GET", url: "/x", body: "" })
    expect(seen[0].headers["content-type"]).toBeUndefined()
  })

  it("reuses its connection for the next requests", async () => {
    for (let i = 0; i < 5; i++) {
      await carrierRequest("test", options(), { method: "GET", url: `/${i}` })
    }
    expect(seen).toHaveLength(5)
    expect(new Set(seen.map((s) => s.port)).size).toBe(1)
  })

  it("reads a gzip-compressed answer", async () => {
    answer = (_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
      })
      res.end(zlib.gzipSync(JSON.stringify({ packed: "yes" })))
    }
    const body = await carrierRequest("test", options(), {
      method: "GET",
      url: "/z",
    })
    expect(body).toEqual({ packed: "yes" })
    expect(seen[0].headers["accept-encoding"]).toMatch(/gzip/)
  })

  it("caps a compressed answer at its decompressed size", async () => {
    answer = (_req, res) => {
      res.writeHead(200, { "content-encoding": "gzip" })
      // 16 KiB on the wire, 2 MiB once decompressed.
      res.end(zlib.gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20)))
    }
    const error = await failure(
      carrierRequest("test", options(), { method: "GET", url: "/bomb" })
    )
    expect(error).toBeInstanceOf(CarrierHttpError)
    expect(error.message).toBe("test: carrier answer larger than 1 MiB")
  })

  it("refuses an answer whose declared length is over the cap", async () => {
    answer = (_req, res) => {
      res.writeHead(200, { "content-length": String(2048) })
      res.write(Buffer.alloc(1024, 0x20))
      // The rest never comes: only the declared length can fail it.
    }
    const error = await failure(
      carrierRequest("test", options({ maxAnswerBytes: 1000 }), {
        method: "GET",
        url: "/long",
      })
    )
    expect(error.message).toBe("test: carrier answer larger than 1000 bytes")
  })

  it("does not follow a redirect", async () => {
    answer = (_req, res) => {
      res.writeHead(301, { location: "/elsewhere" })
      res.end()
    }
    const error = await failure(
      carrierRequest("test", options(), { method: "GET", url: "/moved" })
    )
    expect(error).toMatchObject({ status: 301, message: "test: HTTP 301" })
    expect(seen.map((s) => s.url)).toEqual(["/moved"])
  })

  it("reads an answer with a byte order mark", async () => {
    answer = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" })
      res.end(`\ufeff${JSON.stringify({ bom: 1 })}`)
    }
    const body = await carrierRequest("test", options(), {
      method: "GET",
      url: "/bom",
    })
    expect(body).toEqual({ bom: 1 })
  })

  it("says why when the carrier cannot be reached", async () => {
    const closed = http.createServer()
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r))
    const port = (closed.address() as AddressInfo).port
    await new Promise((r) => closed.close(r))
    const error = await failure(
      carrierRequest("test", options({ baseUrl: `http://127.0.0.1:${port}` }), {
        method: "GET",
        url: "/",
      })
    )
    expect(error.message).toBe(`test: connect ECONNREFUSED 127.0.0.1:${port}`)
  })
})
