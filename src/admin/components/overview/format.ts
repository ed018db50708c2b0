import type { CurrencyTotal } from "../../../types"
import { formatMoney } from "../format"

// The admin's one formatter (../format.ts) for dates, money, plurals and
// providers; here only what the overview adds (UTC days, periods, totals).
export {
  formatDate,
  formatDateTime,
  formatMoney,
  plural,
  providerName as formatProvider,
} from "../format"

const DATE = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
})
/** A UTC date (YYYY-MM-DD) as the Medusa admin writes dates: "Dec 5, 2026". */
export const formatDay = (day: string): string =>
  DATE.format(new Date(`${day}T00:00:00Z`))

/** "Nov 7 – Dec 6, 2026" (the year once when both days share it). */
export function formatPeriod(first: string, last: string): string {
  const a = formatDay(first)
  const b = formatDay(last)
  return a.slice(-4) === b.slice(-4)
    ? `${a.slice(0, -6)} – ${b}`
    : `${a} – ${b}`
}

/** Totals per currency on one line: "€120.00 · US$35.00"; a dash when there is none. */
export const formatTotals = (totals: CurrencyTotal[]): string =>
  totals.length
    ? totals.map((t) => formatMoney(t.amount, t.currency_code)).join(" · ")
    : "—"
