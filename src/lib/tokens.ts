import { createHash, randomBytes, timingSafeEqual } from "node:crypto"

/** A random token (256 bits, URL-safe) and the hash that is stored instead of it. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url")
  return { token, hash: hashToken(token) }
}

/**
 * The stored form of a token. Looking a token up by its hash compares in
 * constant time as far as the token is concerned: the database never sees
 * the token, and the hash leaks nothing about near misses.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex")
}

/** A one-way, stable key for a personal value (IP, email) in rate-limit counters. */
export function hashSubject(value: string): string {
  return createHash("sha256")
    .update(value.trim().toLowerCase())
    .digest("hex")
    .slice(0, 32)
}

/**
 * Compares two secrets (a webhook signature, a shared key) in constant time:
 * how long it takes says nothing about how many leading characters matched.
 * Different lengths are compared as digests, so the length is not leaked
 * through an early return either.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const da = createHash("sha256").update(a, "utf8").digest()
  const db = createHash("sha256").update(b, "utf8").digest()
  return timingSafeEqual(da, db) && a.length === b.length
}
