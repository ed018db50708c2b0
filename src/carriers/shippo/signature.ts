import { constantTimeEqual } from "../../lib/tokens"
import { WebhookSignatureError } from "../types"
import { hmacSha256 } from "../util"

/** How far a signature's timestamp may be from now, either way. */
export const SHIPPO_SIGNATURE_TOLERANCE_SECONDS = 5 * 60

/**
 * Verifies Shippo's `Shippo-Auth-Signature` header, `t=<unix seconds>,
 * v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the webhook secret>`
 * (Shippo's "Webhook security" page; the same shape as Stripe's). The
 * timestamp must be within {@link SHIPPO_SIGNATURE_TOLERANCE_SECONDS} of
 * `now`, so a captured delivery cannot be replayed later; every `v1` is
 * compared in constant time and one match is enough (several appear while a
 * secret is rotated). Throws {@link WebhookSignatureError} otherwise.
 */
export function verifyShippoSignature(
  value: string,
  rawBody: Buffer,
  secret: string,
  now: Date
): void {
  let timestamp: string | undefined
  const signatures: string[] = []
  for (const part of value.split(",")) {
    const eq = part.indexOf("=")
    if (eq < 0) continue
    const key = part.slice(0, eq).trim()
    const val = part.slice(eq + 1).trim()
    if (key === "t") timestamp = val
    else if (key === "v1" && val) signatures.push(val)
  }
  if (!timestamp || !signatures.length) {
    throw new WebhookSignatureError(
      "malformed Shippo-Auth-Signature (expected t=<timestamp>,v1=<signature>)"
    )
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new WebhookSignatureError(
      "Shippo-Auth-Signature timestamp is not a number"
    )
  }
  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp))
  if (skew > SHIPPO_SIGNATURE_TOLERANCE_SECONDS) {
    throw new WebhookSignatureError(
      "Shippo-Auth-Signature timestamp is outside the 5-minute tolerance"
    )
  }
  const expected = hmacSha256(
    secret,
    Buffer.concat([Buffer.from(`${timestamp}.`, "utf8"), rawBody]),
    "hex"
  )
  // Every candidate is compared, a match or not, so timing says nothing.
  let matched = false
  for (const given of signatures) {
    if (constantTimeEqual(given.toLowerCase(), expected)) matched = true
  }
  if (!matched) {
    throw new WebhookSignatureError("Shippo-Auth-Signature does not match")
  }
}
