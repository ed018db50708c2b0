/**
 * Pure lateness rules of a tracked parcel (unit-tested in
 * `features/shipment-tracking/__tests__/lateness.unit.spec.ts`): late or stuck,
 * beside the forward-only carrier status.
 *
 * - `delayed`: not delivered by the carrier's estimate plus the grace hours.
 *   It stays until delivery (the customer may have been told already).
 * - `stalled`: no carrier event for the status's `stall_days`. A new carrier
 *   event clears it; a parcel that reaches the end of following undelivered
 *   ends stalled.
 *
 * Stalled wins over delayed while both hold. Delivery (and a return to the
 * sender, which alerts the merchant on its own) clears both.
 */

const HOUR = 3_600_000
const DAY = 24 * HOUR

export const LATENESS_KINDS = ["delayed", "stalled"] as const
export type Lateness = (typeof LATENESS_KINDS)[number]

/** What a parcel holds that its lateness reads. */
export type LatenessFacts = {
  status: string
  lateness: Lateness | null
  late_since: Date | null
  estimated_delivery_at: Date | null
  /** The carrier's last event behind the status; null before the first. */
  last_event_at: Date | null
  /** The carrier's latest event of any kind (a scan in the same status too). */
  last_carrier_event_at?: Date | null
  /** When it shipped: the last sign of life before any carrier event. */
  started_at: Date
}

export type LatenessRules = {
  /** Days without a carrier event, per status, after which a parcel is stalled. */
  stall_days: Partial<Record<string, number>>
  /** Hours past the estimate before a parcel counts as delayed. */
  delay_grace_hours: number
}

export type LatenessState = {
  lateness: Lateness | null
  late_since: Date | null
}

/** The latest of some times (nulls ignored). */
function latestOf(...dates: (Date | null | undefined)[]): Date {
  return new Date(Math.max(...dates.map((d) => d?.getTime() ?? -Infinity)))
}

/** Statuses after which a parcel is never late: it arrived or goes back. */
const CLEARED_BY = ["delivered", "returned_to_sender"]

/**
 * The parcel's lateness at `now`. `late_since` is the moment it began (the
 * estimate plus grace, or the last sign of life plus the stall days), kept
 * while the kind stays the same, so a repeat computes the same episode.
 */
export function latenessAt(
  facts: LatenessFacts,
  rules: LatenessRules,
  now: Date
): LatenessState {
  if (CLEARED_BY.includes(facts.status)) {
    return { lateness: null, late_since: null }
  }
  // Following has ended (expired): what it ended with stands.
  if (facts.status === "expired") {
    return { lateness: facts.lateness, late_since: facts.late_since }
  }
  const keep = (kind: Lateness, since: Date): LatenessState =>
    facts.lateness === kind && facts.late_since
      ? { lateness: kind, late_since: facts.late_since }
      : { lateness: kind, late_since: since }

  const days = rules.stall_days[facts.status]
  if (days !== undefined) {
    const lastSign = latestOf(
      facts.last_carrier_event_at,
      facts.last_event_at,
      facts.started_at
    )
    const stalledAt = new Date(lastSign.getTime() + days * DAY)
    if (now.getTime() >= stalledAt.getTime()) return keep("stalled", stalledAt)
  }
  if (facts.estimated_delivery_at) {
    const lateAt = new Date(
      facts.estimated_delivery_at.getTime() + rules.delay_grace_hours * HOUR
    )
    if (now.getTime() > lateAt.getTime()) return keep("delayed", lateAt)
  }
  // Delayed stays until delivery, even when the carrier moves its estimate.
  if (facts.lateness === "delayed") {
    return { lateness: "delayed", late_since: facts.late_since }
  }
  return { lateness: null, late_since: null }
}

/**
 * Lateness when following ends undelivered (`max_tracking_days`): the
 * parcel ends stalled, from when it stalled if it already had.
 */
export function latenessAtExpiry(
  facts: Pick<LatenessFacts, "lateness" | "late_since">,
  now: Date
): LatenessState {
  if (facts.lateness === "stalled" && facts.late_since) {
    return { lateness: "stalled", late_since: facts.late_since }
  }
  return { lateness: "stalled", late_since: now }
}

/**
 * Whether a carrier update clears lateness: delivery clears both; a new
 * carrier event (the parcel moved on, or was scanned again) clears
 * `stalled`, which the job computes again from the new event.
 */
export function latenessAfterEvent(
  current: Pick<LatenessFacts, "lateness">,
  nextStatus: string,
  newEvent: boolean
): LatenessState | null {
  if (!current.lateness) return null
  if (CLEARED_BY.includes(nextStatus)) {
    return { lateness: null, late_since: null }
  }
  if (newEvent && current.lateness === "stalled") {
    return { lateness: null, late_since: null }
  }
  return null
}

/**
 * What to write when the lateness changed (null when it did not). A new
 * lateness marks the parcel's messages pending, so settling sends the alert.
 */
export function latenessWrite(
  facts: Pick<LatenessFacts, "lateness" | "late_since">,
  next: LatenessState
): {
  lateness: Lateness | null
  late_since: Date | null
  notify_pending?: true
} | null {
  const same =
    facts.lateness === next.lateness &&
    (facts.late_since?.getTime() ?? null) ===
      (next.late_since?.getTime() ?? null)
  if (same) return null
  return next.lateness
    ? { ...next, notify_pending: true }
    : { lateness: null, late_since: null }
}

/** The merchant's alert key of one lateness episode (kind and start). */
export function lateAlertKey(state: LatenessState): string | null {
  if (!state.lateness || !state.late_since) return null
  return `merchant:${state.lateness}:${state.late_since.toISOString()}`
}

/** The smallest stall window, in ms: parcels quiet for less are never stalled. */
export function shortestStall(rules: LatenessRules): number | null {
  const days = Object.values(rules.stall_days).filter(
    (d): d is number => typeof d === "number"
  )
  return days.length ? Math.min(...days) * DAY : null
}
