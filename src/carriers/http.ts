import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http"
import https from "node:https"
import type { Readable } from "node:stream"
import zlib from "node:zlib"
import { RateLimiterMemory, RateLimiterQueue } from "rate-limiter-flexible"

/** The largest carrier answer read by default: 1 MiB. */
export const MAX_ANSWER_BYTES = 1024 * 1024

export type HttpOptions = {
  baseUrl: string
  /** Deadline for the whole request, answer body included. */
  timeoutMs: number
  /**
   * Answer bodies larger than this fail the request; the transfer is cut off
   * at the cap. {@link MAX_ANSWER_BYTES} when not set.
   */
  maxAnswerBytes?: number
  /** Requests per second this provider allows this process. */
  ratePerSecond: number
  /** A 429 asking to wait longer than this fails the request instead of waiting. */
  maxRetryAfterSeconds: number
  /** 429 answers waited out per request before it fails. */
  max429Retries: number
  headers?: Record<string, string>
}

/** A carrier request that failed: HTTP status, timeout or an unreadable answer. */
export class CarrierHttpError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null
  ) {
    super(message)
    this.name = "CarrierHttpError"
  }
}

type Limiter = { limiter: RateLimiterMemory; queue: RateLimiterQueue }

const limiters = new Map<string, Limiter>()
const KEY = "requests"

/**
 * One limiter per provider and endpoint in this process: one token every
 * 1/rate seconds, so requests are spread evenly instead of bursting at the
 * start of each second. A 429's Retry-After blocks it for every request to
 * that provider, not only the one that was refused.
 */
function limiterFor(name: string, options: HttpOptions): Limiter {
  const key = `${name}|${options.baseUrl}|${options.ratePerSecond}`
  let entry = limiters.get(key)
  if (!entry) {
    const limiter = new RateLimiterMemory({
      points: 1,
      duration: 1 / options.ratePerSecond,
    })
    entry = { limiter, queue: new RateLimiterQueue(limiter) }
    limiters.set(key, entry)
  }
  return entry
}

/** Seconds to wait from a Retry-After header: delta-seconds or an HTTP date. */
export function retryAfterSeconds(
  header: string | undefined,
  nowMs = Date.now()
): number | null {
  if (!header) return null
  const value = header.trim()
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value)
  const at = Date.parse(value)
  if (Number.isNaN(at)) return null
  return Math.max(0, (at - nowMs) / 1000)
}

/** "1 MiB", "64 KiB" or "1500 bytes", for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) {
    return `${bytes / (1024 * 1024)} MiB`
  }
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`
  return `${bytes} bytes`
}

/** One carrier request: a path under the provider's `baseUrl`. */
export type CarrierRequestConfig = {
  method: "GET" | "POST"
  /** Path under the provider's base URL, e.g. `/v2/trackers`. */
  url: string
  /** Query parameters, appended to `url`. */
  params?: Record<string, string | number>
  /** Sent as JSON. */
  data?: unknown
  /** HTTP Basic credentials (sent as the `Authorization` header). */
  auth?: { username: string; password: string }
  headers?: Record<string, string>
}

/**
 * Keep-alive connection pools, one per protocol (each pools per host and
 * port): a provider's requests reuse a few connections instead of opening
 * one per request. An idle connection is closed after 4 s, before the 5 s
 * many servers keep one open, so a request seldom meets one the server is
 * just closing.
 */
const agents = {
  "http:": new http.Agent({ keepAlive: true, timeout: 4000 }),
  "https:": new https.Agent({ keepAlive: true, timeout: 4000 }),
}

type Send = (
  options: http.RequestOptions,
  callback: (res: IncomingMessage) => void
) => http.ClientRequest

type Target = {
  send: Send
  agent: http.Agent
  protocol: "http:" | "https:"
  hostname: string
  port: string
  /** The base URL's path without a trailing slash ("" at the root). */
  path: string
}

const targets = new Map<string, Target>()

function targetFor(name: string, baseUrl: string): Target {
  let target = targets.get(baseUrl)
  if (!target) {
    let url: URL
    try {
      url = new URL(baseUrl)
    } catch {
      throw new CarrierHttpError(`${name}: invalid base URL ${baseUrl}`)
    }
    const protocol = url.protocol
    if (protocol !== "http:" && protocol !== "https:") {
      throw new CarrierHttpError(`${name}: unsupported protocol ${protocol}`)
    }
    target = {
      send:
        protocol === "https:"
          ? (o, callback) => https.request(o, callback)
          : (o, callback) => http.request(o, callback),
      agent: agents[protocol],
      protocol,
      // [::1] → ::1, as http.request wants it.
      hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: url.port,
      path: url.pathname.replace(/\/+$/, ""),
    }
    targets.set(baseUrl, target)
  }
  return target
}

/** `url` under the base path, with `params` as its query (commas kept). */
function pathOf(target: Target, config: CarrierRequestConfig): string {
  const path = `${target.path}/${config.url.replace(/^\/+/, "")}`
  const query = Object.entries(config.params ?? {})
    .filter(([, value]) => value !== undefined && value !== null)
    .map(
      ([key, value]) =>
        `${encodeURIComponent(key)}=${encodeURIComponent(value).replace(/%2C/gi, ",")}`
    )
    .join("&")
  if (!query) return path
  return `${path}${path.includes("?") ? "&" : "?"}${query}`
}

type Answer = { status: number; headers: IncomingHttpHeaders; body: string }

/** The answer's body as sent, decompressed when it is compressed. */
function decoded(res: IncomingMessage): Readable {
  const encoding = String(res.headers["content-encoding"] ?? "")
    .trim()
    .toLowerCase()
  if (encoding === "gzip" || encoding === "x-gzip") {
    return res.pipe(zlib.createGunzip())
  }
  if (encoding === "br") return res.pipe(zlib.createBrotliDecompress())
  if (encoding === "deflate") return res.pipe(zlib.createInflate())
  return res
}

/**
 * One HTTP exchange: resolves with any status; rejects with
 * {@link CarrierHttpError} when `timeoutMs` passes before the body has
 * ended, when the (decompressed) body grows past `maxBytes` (the connection
 * is closed at once, so the transfer stops), or on a network error.
 */
function exchange(
  name: string,
  options: HttpOptions,
  maxBytes: number,
  config: CarrierRequestConfig
): Promise<Answer> {
  const target = targetFor(name, options.baseUrl)
  const headers: Record<string, string> = {
    accept: "application/json",
    "accept-encoding": "gzip, br",
    "user-agent": "medusa-plugin-autopilot",
  }
  for (const extra of [options.headers, config.headers]) {
    if (!extra) continue
    for (const [key, value] of Object.entries(extra)) {
      headers[key.toLowerCase()] = value
    }
  }
  if (config.auth) {
    const { username, password } = config.auth
    const credentials = Buffer.from(`${username}:${password}`)
    headers.authorization = `Basic ${credentials.toString("base64")}`
  }
  let body: Buffer | undefined
  if (config.data !== undefined) {
    body = Buffer.from(
      typeof config.data === "string"
        ? config.data
        : JSON.stringify(config.data)
    )
    headers["content-type"] ??= "application/json"
    headers["content-length"] = String(body.length)
  }
  return new Promise((resolve, reject) => {
    let settled = false
    const fail = (message: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      // Closes the connection: nothing more is read.
      req.destroy()
      reject(new CarrierHttpError(`${name}: ${message}`))
    }
    const tooLarge = () =>
      fail(`carrier answer larger than ${formatBytes(maxBytes)}`)
    // For the whole exchange: a body that trickles in is cut off too.
    const timer = setTimeout(
      () => fail(`no answer within ${options.timeoutMs} ms`),
      options.timeoutMs
    )
    const req = target.send(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: pathOf(target, config),
        method: config.method,
        headers,
        agent: target.agent,
      },
      (res) => {
        res.on("error", (e) => fail(e.message))
        if (Number(res.headers["content-length"]) > maxBytes) {
          return tooLarge()
        }
        const stream = decoded(res)
        if (stream !== res) stream.on("error", (e) => fail(e.message))
        const chunks: Buffer[] = []
        let size = 0
        stream.on("data", (chunk: Buffer) => {
          size += chunk.length
          if (size > maxBytes) return tooLarge()
          chunks.push(chunk)
        })
        stream.on("end", () => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          let text = Buffer.concat(chunks, size).toString("utf8")
          // A byte order mark is no JSON.
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text,
          })
        })
      }
    )
    req.on("error", (e) => fail(e.message))
    req.end(body)
  })
}

/**
 * Sends one request through the provider's rate limiter and returns the
 * parsed JSON body. Waits out 429s (Retry-After, or one second without it)
 * up to `max429Retries`; anything else that is not a 2xx with JSON throws
 * {@link CarrierHttpError}. Each attempt has `timeoutMs` for the whole
 * exchange (a body that trickles in is cut off too, not only a silent
 * socket) and reads at most `maxAnswerBytes`, counted as the bytes arrive
 * (decompressed): the connection is closed at the cap. Redirects are not
 * followed (the carriers' APIs answer where they are asked).
 *
 * Node's HTTP client with keep-alive pools rather than axios: per request
 * it costs a fraction of the CPU (see the shipment-tracking bench in
 * bench/README.md), which is most of what polling a carrier without a batch
 * endpoint costs.
 */
export async function carrierRequest<T>(
  name: string,
  options: HttpOptions,
  config: CarrierRequestConfig
): Promise<T> {
  const { limiter, queue } = limiterFor(name, options)
  const maxBytes = options.maxAnswerBytes ?? MAX_ANSWER_BYTES
  for (let attempt = 0; ; attempt++) {
    await queue.removeTokens(1, KEY)
    const response = await exchange(name, options, maxBytes, config)
    if (response.status === 429) {
      const wait = retryAfterSeconds(header(response, "retry-after")) ?? 1
      // Every request to this provider waits, not only this one.
      await limiter.block(KEY, Math.max(wait, 0.001))
      if (
        attempt >= options.max429Retries ||
        wait > options.maxRetryAfterSeconds
      ) {
        throw new CarrierHttpError(
          `${name}: rate limited (429), retry after ${wait} s`,
          429
        )
      }
      continue
    }
    if (response.status < 200 || response.status >= 300) {
      throw new CarrierHttpError(
        `${name}: HTTP ${response.status}${snippet(response.body)}`,
        response.status
      )
    }
    try {
      return JSON.parse(response.body) as T
    } catch {
      throw new CarrierHttpError(
        `${name}: malformed JSON in the answer${snippet(response.body)}`,
        response.status
      )
    }
  }
}

function header(answer: Answer, name: string): string | undefined {
  const value = answer.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function snippet(body: unknown): string {
  if (typeof body !== "string" || !body) return ""
  return `: ${body.slice(0, 120)}`
}

/** Forgets every limiter (tests and the benchmark start each case afresh). */
export function resetLimiters(): void {
  limiters.clear()
}
