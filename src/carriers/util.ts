import { createHash, createHmac } from "node:crypto"
import { constantTimeEqual } from "../lib/tokens"
import { WebhookSignatureError, type WebhookRequest } from "./types"

/** A date from a provider's timestamp; null when missing or unreadable. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === "") return null
  const date = new Date(value as string)
  return Number.isNaN(date.getTime()) ? null : date
}

export function header(
  request: WebhookRequest,
  name: string
): string | undefined {
  const value = request.headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

export function hmacSha256(
  secret: string | Buffer,
  body: Buffer,
  encoding: "hex" | "base64"
): string {
  return createHmac("sha256", secret).update(body).digest(encoding)
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex")
}

/** Parses a verified webhook body; a body that is not JSON is a bad request, not a signature problem. */
export function parseJson<T>(body: Buffer): T {
  try {
    return JSON.parse(body.toString("utf8")) as T
  } catch {
    throw new WebhookSignatureError("the body is not JSON")
  }
}

/**
 * Throws when `got` is missing or differs from `expected`. Compared in
 * constant time, lengths included, so timing says nothing about how close a
 * forged signature or token came.
 */
export function requireSignature(
  got: string | undefined,
  expected: string,
  what: string
): void {
  if (!got) throw new WebhookSignatureError(`missing ${what}`)
  if (!constantTimeEqual(got.trim(), expected)) {
    throw new WebhookSignatureError(`${what} does not match`)
  }
}

/**
 * Makes sure a result's history holds its current status: some providers
 * answer with a status and no checkpoint for it (e.g. "info received").
 */
export function withCurrentEvent<
  T extends {
    status: import("./types").CanonicalStatus
    raw_status: string
    message: string | null
    occurred_at: Date | null
    events: import("./types").TrackingEvent[]
  },
>(result: T, now: Date): T {
  if (result.status === "pending") return result
  if (result.events.some((e) => e.status === result.status)) return result
  return {
    ...result,
    events: [
      ...result.events,
      {
        status: result.status,
        raw_status: result.raw_status,
        message: result.message,
        location: null,
        occurred_at: result.occurred_at ?? now,
      },
    ],
  }
}

export function failAll(
  numbers: string[],
  error: unknown
): import("./types").TrackFailure[] {
  const message = (error as Error)?.message || String(error)
  return numbers.map((number) => ({ ok: false, number, error: message }))
}

export function location(
  ...parts: (string | null | undefined)[]
): string | null {
  const text = parts.filter((p) => !!p).join(", ")
  return text || null
}

/** A webhook cannot be verified without its secret: refuse it (401). */
export function requireSecret(secret: string | undefined): string {
  if (!secret) {
    throw new WebhookSignatureError(
      "no webhook secret is configured for this provider"
    )
  }
  return secret
}
