import { z } from "@medusajs/framework/zod"
import cronParser from "cron-parser"

/**
 * A job schedule: a cron expression (5 or 6 fields, evaluated in UTC) or a
 * fixed interval in milliseconds. Medusa's scheduler accepts the same two
 * forms, so a schedule written here can be handed to it unchanged.
 */
export type JobSchedule = string | { cron: string } | { interval: number }

/** The smallest interval a job may run at: below this a run would overlap its own lock. */
export const MIN_INTERVAL_MS = 1_000

const cronSchema = z.string().superRefine((value, ctx) => {
  const fields = value.trim().split(/\s+/)
  if (fields.length < 5 || fields.length > 6) {
    ctx.addIssue({
      code: "custom",
      message: `expected a cron expression with 5 or 6 fields, got "${value}"`,
    })
    return
  }
  try {
    cronParser.parseExpression(value, { utc: true })
  } catch (e) {
    ctx.addIssue({
      code: "custom",
      message: `invalid cron expression "${value}": ${(e as Error).message}`,
    })
  }
})

export const scheduleSchema = z.union([
  cronSchema,
  z.strictObject({ cron: cronSchema }),
  z.strictObject({
    interval: z
      .number()
      .int()
      .min(MIN_INTERVAL_MS, {
        message: `interval is in milliseconds and must be at least ${MIN_INTERVAL_MS}`,
      }),
  }),
])

/** Normalises a schedule to the shape Medusa's job config takes. */
export function toMedusaSchedule(
  schedule: JobSchedule
): string | { interval: number } {
  if (typeof schedule === "string") {
    return schedule
  }
  return "cron" in schedule ? schedule.cron : { interval: schedule.interval }
}

/**
 * The next time a schedule fires strictly after `from`. Intervals count from
 * `from` (the last run), as Medusa's interval scheduler does.
 */
export function nextRunAt(schedule: JobSchedule, from: Date): Date {
  const normalised = toMedusaSchedule(schedule)
  if (typeof normalised === "string") {
    return cronParser
      .parseExpression(normalised, { currentDate: from, utc: true })
      .next()
      .toDate()
  }
  return new Date(from.getTime() + normalised.interval)
}

/**
 * The usual gap between two runs, used for staleness (a job that has not
 * succeeded for twice this long is stale).
 */
export function intervalMs(schedule: JobSchedule, from = new Date()): number {
  const normalised = toMedusaSchedule(schedule)
  if (typeof normalised !== "string") {
    return normalised.interval
  }
  // Every `from` before the next slot gives the same two slots.
  const hit = gapCache.get(normalised)
  const t = from.getTime()
  if (hit && hit.from <= t && t < hit.first) return hit.gap
  const it = cronParser.parseExpression(normalised, {
    currentDate: from,
    utc: true,
  })
  const first = it.next().getTime()
  const second = it.next().getTime()
  remember(gapCache, normalised, { from: t, first, gap: second - first })
  return second - first
}

/**
 * Parsing a cron expression is the costly part of a job's tick (the
 * parser works through luxon), and ticks ask the same question every 30 s:
 * the answers are kept per expression for as long as they hold. An answer
 * depends only on the expression and the time asked about, so a kept one
 * is exactly what parsing again would return.
 */
const CACHE_LIMIT = 64
const gapCache = new Map<string, { from: number; first: number; gap: number }>()
const slotCache = new Map<string, { slot: number; next: number }>()

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (!cache.has(key) && cache.size >= CACHE_LIMIT) {
    cache.delete(cache.keys().next().value as string)
  }
  cache.set(key, value)
}

/** The newest slot of a cron expression at or before `at` (ms). */
function latestCronSlot(expression: string, at: number): number {
  const hit = slotCache.get(expression)
  // No slot lies between a kept slot and the one after it.
  if (hit && hit.slot <= at && at < hit.next) return hit.slot
  const slot = cronParser
    .parseExpression(expression, {
      currentDate: new Date(at + 1),
      utc: true,
    })
    .prev()
    .getTime()
  const next = cronParser
    .parseExpression(expression, { currentDate: new Date(slot), utc: true })
    .next()
    .getTime()
  remember(slotCache, expression, { slot, next })
  return slot
}

/**
 * The schedule slot due at `at`, given the last slot that ran (`since`), or
 * null when none is due. Missed slots collapse into the newest one: after a
 * downtime a job catches up with one run, not one per missed slot. The slot
 * is computed only from the schedule and `since`, so every instance ticking
 * at the same moment finds the same slot.
 */
export function dueSlot(
  schedule: JobSchedule,
  since: Date,
  at: Date
): Date | null {
  const normalised = toMedusaSchedule(schedule)
  if (typeof normalised === "string") {
    const previous = latestCronSlot(normalised, at.getTime())
    return previous > since.getTime() ? new Date(previous) : null
  }
  const elapsed = at.getTime() - since.getTime()
  const slots = Math.floor(elapsed / normalised.interval)
  return slots >= 1
    ? new Date(since.getTime() + slots * normalised.interval)
    : null
}
