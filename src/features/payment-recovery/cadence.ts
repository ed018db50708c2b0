import type { JobOptions } from "../../catalog/jobs"
import { firstMatch, matchesAny } from "../../lib/glob"

export type PaymentRecoveryOptions = JobOptions<"payment-recovery">

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/**
 * Medusa's built-in provider: it authorizes every session without asking
 * anyone, so "recovering" one would turn any unpaid cart into an order.
 */
export const SYSTEM_PROVIDER = "pp_system_default"

/**
 * Whether the job may touch a provider: it matches the `providers` allow-list
 * and is not `pp_system_default` (so `*` means every other provider). Asked
 * at discovery, at every re-check and right before completing a cart.
 */
export function isAllowedProvider(
  providerId: string,
  patterns: readonly string[]
): boolean {
  return providerId !== SYSTEM_PROVIDER && matchesAny(providerId, patterns)
}

/**
 * A cadence preset: when to ask a provider for a session's status, in
 * minutes or hours after the session started (the transaction).
 * - `first_minutes`: one check this long after the start;
 * - `expiry_minutes`: one check at the end of the expiration period;
 * - `backoff_minutes`: then the gaps between checks (the last one repeats);
 * - `last_check_hours`: the last check, after which a session still open is
 *   given up (without it: `max_age_hours`).
 * A preset without `first_minutes` and `expiry_minutes` counts its back-off
 * from each check (today's cadence); one with either is a fixed schedule
 * counted from the start, so a late run never shifts the later checks.
 */
export type CadencePreset = {
  first_minutes?: number
  expiry_minutes?: number
  backoff_minutes?: number[]
  last_check_hours?: number
}

/** Built-in preset names; `custom` is `provider_cadence_minutes`. */
export const BUILT_IN_PRESETS = ["ideal", "card", "default"] as const

/** The built-in mapping, applied after the merchant's `cadence_presets`. */
export const DEFAULT_PRESET_MAP: Record<string, string> = {
  "pp_stripe-ideal_*": "ideal",
}

/**
 * The built-in presets:
 * - `ideal` (Currence's iDEAL status-request rules): 3 minutes after the
 *   transaction, at the end of the expiration period (`ideal_expiry_minutes`),
 *   then 1 h, 2 h, 4 h, 8 h apart up to a last check at 24 h;
 * - `card`: a short back-off (1, 2, 5, 10, 30, 60 minutes, then every 6 h),
 *   for 3-D Secure challenges that end within minutes;
 * - `default`: `cadence_minutes`, as before presets existed.
 */
export function builtInPreset(
  name: string,
  options: PaymentRecoveryOptions
): CadencePreset | undefined {
  switch (name) {
    case "ideal":
      return {
        first_minutes: 3,
        expiry_minutes: options.ideal_expiry_minutes,
        backoff_minutes: [60, 120, 240, 480],
        last_check_hours: 24,
      }
    case "card":
      return { backoff_minutes: [1, 2, 5, 10, 30, 60, 360] }
    case "default":
      return { backoff_minutes: options.cadence_minutes }
    default:
      return undefined
  }
}

/** The cadence a provider gets, and the name shown for it in the admin. */
export type ResolvedCadence = { name: string; preset: CadencePreset }

/**
 * Which cadence a provider's sessions follow, by first match:
 * `provider_cadence_minutes` (named `custom`, as before presets), the
 * merchant's `cadence_presets`, the built-in `pp_stripe-ideal_*` → `ideal`,
 * else `default`. A preset name with no definition falls back to `default`.
 * Pure: the admin computes it at read time from the provider id and options.
 */
export function resolveCadence(
  providerId: string,
  options: PaymentRecoveryOptions
): ResolvedCadence {
  const custom = firstMatch(providerId, options.provider_cadence_minutes)
  if (custom) return { name: "custom", preset: { backoff_minutes: custom } }
  const name =
    firstMatch(providerId, options.cadence_presets) ??
    firstMatch(providerId, DEFAULT_PRESET_MAP) ??
    "default"
  const preset = presetNamed(name, options)
  if (preset) return { name, preset }
  return { name: "default", preset: presetNamed("default", options)! }
}

/** A preset by name: the built-in one with the merchant's fields over it. */
export function presetNamed(
  name: string,
  options: PaymentRecoveryOptions
): CadencePreset | undefined {
  const builtIn = builtInPreset(name, options)
  const own = options.cadence_preset_definitions[name]
  if (!builtIn && !own) return undefined
  const merged: CadencePreset = { ...builtIn }
  for (const [key, value] of Object.entries(own ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value
  }
  return merged
}

/** The preset name the admin shows for a provider's sessions. */
export function cadencePresetName(
  providerId: string,
  options: PaymentRecoveryOptions
): string {
  return resolveCadence(providerId, options).name
}

/**
 * The fixed check times of a preset with `first_minutes` or
 * `expiry_minutes`, in minutes after the start, ascending, ending with the
 * last check; null for a preset counted from each check.
 */
export function scheduleMinutes(
  preset: CadencePreset,
  endMinutes: number
): number[] | null {
  if (preset.first_minutes === undefined && preset.expiry_minutes === undefined)
    return null
  const times: number[] = []
  const push = (t: number) => {
    const capped = Math.min(t, endMinutes)
    if (!times.length || capped > times[times.length - 1]) times.push(capped)
  }
  if (preset.first_minutes !== undefined) push(preset.first_minutes)
  if (preset.expiry_minutes !== undefined) push(preset.expiry_minutes)
  const steps = preset.backoff_minutes ?? []
  let at = times[times.length - 1] ?? 0
  for (let i = 0; steps.length && at < endMinutes; i++) {
    at += steps[Math.min(i, steps.length - 1)]
    push(at)
  }
  push(endMinutes)
  return times
}

/** When a session is given up: the preset's last check, or `max_age_hours`. */
export function expiresAt(
  options: PaymentRecoveryOptions,
  sessionCreatedAt: Date,
  providerId?: string
): Date {
  const preset =
    providerId === undefined
      ? undefined
      : resolveCadence(providerId, options).preset
  const hours = preset?.last_check_hours ?? options.max_age_hours
  return new Date(sessionCreatedAt.getTime() + hours * HOUR)
}

/**
 * When a newly recorded session is first checked: now, or a fixed
 * schedule's first check when that is still ahead.
 */
export function firstCheckAt(
  options: PaymentRecoveryOptions,
  providerId: string,
  now: Date,
  sessionCreatedAt: Date
): Date {
  const { preset } = resolveCadence(providerId, options)
  const end = expiresAt(options, sessionCreatedAt, providerId)
  const times = scheduleMinutes(
    preset,
    (end.getTime() - sessionCreatedAt.getTime()) / MINUTE
  )
  if (!times) return now
  const first = sessionCreatedAt.getTime() + times[0] * MINUTE
  return new Date(Math.max(first, now.getTime()))
}

/**
 * When to ask the provider again after `attempts` checks, the last at
 * `from`. A fixed schedule gives its first check time after `from`; a
 * back-off preset steps from `from` (its last step repeats). Never later than
 * the session's expiry, so the final answer is read right at expiry — but
 * never earlier than a `Retry-After` the provider asked for (`notBefore`).
 */
export function nextCheckAt(
  options: PaymentRecoveryOptions,
  providerId: string,
  attempts: number,
  from: Date,
  sessionCreatedAt: Date,
  notBefore: Date | null = null
): Date {
  const { preset } = resolveCadence(providerId, options)
  const expiry = expiresAt(options, sessionCreatedAt, providerId).getTime()
  const start = sessionCreatedAt.getTime()
  const times = scheduleMinutes(preset, (expiry - start) / MINUTE)
  let next: number
  if (times) {
    const due = times
      .map((t) => start + t * MINUTE)
      .find((t) => t > from.getTime())
    next = due ?? Math.max(expiry, from.getTime())
  } else {
    const steps = preset.backoff_minutes ?? options.cadence_minutes
    const step = steps[Math.min(Math.max(attempts - 1, 0), steps.length - 1)]
    next = Math.min(
      from.getTime() + step * MINUTE,
      Math.max(expiry, from.getTime())
    )
  }
  if (notBefore) next = Math.max(next, notBefore.getTime())
  return new Date(next)
}
