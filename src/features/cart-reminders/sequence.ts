/** Pure rules of the reminder sequence (unit-tested). */

const MINUTE = 60_000

/** Minutes of inactivity before each step of the `steps` option. */
export function stepMinutes(options: {
  steps: { after_minutes: number }[]
}): number[] {
  return options.steps.map((s) => s.after_minutes)
}

/**
 * Which step (0-based) is due for a cart inactive since `lastActive`, with
 * `sent` steps already out: the latest step whose delay has passed. Steps
 * missed while the job was not running are skipped, so a customer never
 * gets two reminders in a row. Null when none is due, when the sequence is
 * over, or when the cart has been inactive longer than `stopAfterMs`.
 */
export function dueStep(
  steps: number[],
  sent: number,
  lastActive: Date,
  now: Date,
  stopAfterMs: number
): number | null {
  const idle = now.getTime() - lastActive.getTime()
  if (idle > stopAfterMs) return null
  let due: number | null = null
  for (let i = sent; i < steps.length; i++) {
    if (idle >= steps[i] * MINUTE) due = i
  }
  return due
}

/** The value at a dotted path (`metadata.marketing_opt_in`) of an object. */
export function readPath(source: unknown, path: string): unknown {
  let value: unknown = source
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/** Whether a stored consent value means yes (`true`, `"true"`, `"yes"`, `1`, `"1"`). */
export function isConsent(value: unknown): boolean {
  if (value === true || value === 1) return true
  if (typeof value === "string") {
    return ["true", "yes", "1", "on"].includes(value.trim().toLowerCase())
  }
  return false
}

/** Reasons a due reminder is not sent, as counted in a run's notes. */
export type StopReason =
  | "cart_gone"
  | "completed"
  | "no_email"
  | "empty"
  | "active_again"
  | "unsubscribed"
  | "no_consent"
  | "ordered_since"
  | "payment_in_flight"
  | "unavailable"
  | "in_progress"
