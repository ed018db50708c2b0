import type { CurrencyTotal, RecoveredByStep } from "../types"

const DAY_MS = 86_400_000

/** The UTC date (YYYY-MM-DD) of a point in time. */
export const utcDate = (at: Date): string => at.toISOString().slice(0, 10)

/**
 * The overview's period: `days` whole UTC days ending today, from the start
 * of the first one to `now`. Today counts as a day, so a 7-day period on a
 * Sunday afternoon runs from Monday 00:00 UTC to now.
 */
export function overviewWindow(
  days: number,
  now: Date
): { from: Date; to: Date; dates: string[] } {
  const today = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate()
  )
  const from = new Date(today - (days - 1) * DAY_MS)
  const dates = Array.from({ length: days }, (_, i) =>
    utcDate(new Date(from.getTime() + i * DAY_MS))
  )
  return { from, to: now, dates }
}

/** One number per date of `dates`: the sum of `n` of the rows of that day (rows of other days are ignored). */
export function dailySeries(
  dates: string[],
  rows: { day: string; n: number }[]
): number[] {
  const index = new Map(dates.map((d, i) => [d, i]))
  const series = dates.map(() => 0)
  for (const row of rows) {
    const i = index.get(row.day)
    if (i !== undefined) series[i] += Number(row.n)
  }
  return series
}

/**
 * Amounts added up per currency (lower-case code), largest first. Amounts
 * may come as decimal text (PostgreSQL numeric); they are added in
 * hundred-thousandths so 0.1 + 0.2 stays 0.3. Rows without a currency are
 * left out: an amount means nothing without one.
 */
export function totalsByCurrency(
  rows: { currency_code: string | null; amount: number | string | null }[]
): CurrencyTotal[] {
  const SCALE = 100_000
  const sums = new Map<string, number>()
  for (const row of rows) {
    const code = row.currency_code?.trim().toLowerCase()
    if (!code || row.amount === null || row.amount === "") continue
    const value = Math.round(Number(row.amount) * SCALE)
    if (!Number.isFinite(value)) continue
    sums.set(code, (sums.get(code) ?? 0) + value)
  }
  return [...sums]
    .map(([currency_code, v]) => ({ currency_code, amount: v / SCALE }))
    .sort(
      (a, b) =>
        b.amount - a.amount || a.currency_code.localeCompare(b.currency_code)
    )
}

/** Carts per reminder step, in step order. */
export function recoveredBySteps(
  rows: { step: number; n: number }[]
): RecoveredByStep[] {
  const byStep = new Map<number, number>()
  for (const row of rows) {
    byStep.set(row.step, (byStep.get(row.step) ?? 0) + Number(row.n))
  }
  return [...byStep]
    .map(([step, carts]) => ({ step, carts }))
    .sort((a, b) => a.step - b.step)
}

/**
 * The back-in-stock attribution rule: an order counts for an alert when it
 * was placed after the alert and at most `days` days after it (the email
 * and the variant were matched when the conversion was recorded).
 */
export function isAttributed(
  alertedAt: Date,
  orderedAt: Date,
  days: number
): boolean {
  const gap = orderedAt.getTime() - alertedAt.getTime()
  return gap >= 0 && gap <= days * DAY_MS
}
