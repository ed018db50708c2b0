import axios, { type AxiosRequestConfig } from "axios"
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

/**
 * Sends one request through the provider's rate limiter and returns the
 * parsed JSON body. Waits out 429s (Retry-After, or one second without it)
 * up to `max429Retries`; anything else that is not a 2xx with JSON throws
 * {@link CarrierHttpError}. Each attempt has `timeoutMs` for the whole
 * exchange (a body that trickles in is cut off too, not only a silent
 * socket) and reads at most `maxAnswerBytes`: axios counts the bytes as they
 * arrive (decompressed) and aborts the transfer at the cap.
 */
export async function carrierRequest<T>(
  name: string,
  options: HttpOptions,
  config: AxiosRequestConfig
): Promise<T> {
  const { limiter, queue } = limiterFor(name, options)
  const maxBytes = options.maxAnswerBytes ?? MAX_ANSWER_BYTES
  for (let attempt = 0; ; attempt++) {
    await queue.removeTokens(1, KEY)
    let response
    try {
      response = await axios.request<string>({
        ...config,
        baseURL: options.baseUrl,
        timeout: options.timeoutMs,
        // axios' own timeout only notices a socket that goes quiet.
        signal: AbortSignal.timeout(options.timeoutMs),
        maxContentLength: maxBytes,
        maxBodyLength: maxBytes,
        headers: {
          accept: "application/json",
          ...options.headers,
          ...config.headers,
        },
        responseType: "text",
        transformResponse: [(data) => data],
        validateStatus: () => true,
      })
    } catch (e) {
      const error = e as { code?: string; message: string; name?: string }
      if (/maxContentLength/i.test(error.message)) {
        throw new CarrierHttpError(
          `${name}: carrier answer larger than ${formatBytes(maxBytes)}`
        )
      }
      if (
        error.code === "ECONNABORTED" ||
        error.code === "ETIMEDOUT" ||
        error.code === "ERR_CANCELED" ||
        error.name === "TimeoutError"
      ) {
        throw new CarrierHttpError(
          `${name}: no answer within ${options.timeoutMs} ms`
        )
      }
      throw new CarrierHttpError(`${name}: ${error.message}`)
    }
    if (response.status === 429) {
      const wait =
        retryAfterSeconds(
          response.headers["retry-after"] as string | undefined
        ) ?? 1
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
        `${name}: HTTP ${response.status}${snippet(response.data)}`,
        response.status
      )
    }
    try {
      return JSON.parse(response.data) as T
    } catch {
      throw new CarrierHttpError(
        `${name}: malformed JSON in the answer${snippet(response.data)}`,
        response.status
      )
    }
  }
}

function snippet(body: unknown): string {
  if (typeof body !== "string" || !body) return ""
  return `: ${body.slice(0, 120)}`
}

/** Forgets every limiter (tests and the benchmark start each case afresh). */
export function resetLimiters(): void {
  limiters.clear()
}
