import type { JobOptions } from "../../catalog/jobs"
import { firstMatch } from "../../lib/glob"

export type PaymentRecoveryOptions = JobOptions<"payment-recovery">

const MINUTE = 60_000

/**
 * When to ask the provider again after `attempts` checks: the provider's own
 * cadence (first matching pattern) or the default one; its last step repeats.
 * Never later than the session's expiry (`max_age_hours` after it started),
 * so the final answer is read right at expiry.
 */
export function nextCheckAt(
  options: PaymentRecoveryOptions,
  providerId: string,
  attempts: number,
  from: Date,
  sessionCreatedAt: Date
): Date {
  const cadence =
    firstMatch(providerId, options.provider_cadence_minutes) ??
    options.cadence_minutes
  const step = cadence[Math.min(Math.max(attempts - 1, 0), cadence.length - 1)]
  const next = from.getTime() + step * MINUTE
  const expiry = expiresAt(options, sessionCreatedAt).getTime()
  return new Date(Math.min(next, Math.max(expiry, from.getTime())))
}

export function expiresAt(
  options: PaymentRecoveryOptions,
  sessionCreatedAt: Date
): Date {
  return new Date(
    sessionCreatedAt.getTime() + options.max_age_hours * 60 * MINUTE
  )
}
