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
  const it = cronParser.parseExpression(normalised, {
    currentDate: from,
    utc: true,
  })
  const first = it.next().getTime()
  const second = it.next().getTime()
  return second - first
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
    const previous = cronParser
      .parseExpression(normalised, {
        currentDate: new Date(at.getTime() + 1),
        utc: true,
      })
      .prev()
      .toDate()
    return previous.getTime() > since.getTime() ? previous : null
  }
  const elapsed = at.getTime() - since.getTime()
  const slots = Math.floor(elapsed / normalised.interval)
  return slots >= 1
    ? new Date(since.getTime() + slots * normalised.interval)
    : null
}
