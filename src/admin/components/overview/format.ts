import type { CurrencyTotal } from "../../../types"

const DATE = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
})
const DATE_TIME = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
})

/** A UTC date (YYYY-MM-DD) as the Medusa admin writes dates: "Dec 5, 2026". */
export const formatDay = (day: string): string =>
  DATE.format(new Date(`${day}T00:00:00Z`))

/** A point in time as the Medusa admin writes it, in the browser's time zone: "Dec 5, 2026, 3:04 PM". */
export const formatDateTime = (at: string | Date): string =>
  DATE_TIME.format(new Date(at))

/** "Nov 7 – Dec 6, 2026" (the year once when both days share it). */
export function formatPeriod(first: string, last: string): string {
  const a = formatDay(first)
  const b = formatDay(last)
  return a.slice(-4) === b.slice(-4)
    ? `${a.slice(0, -6)} – ${b}`
    : `${a} – ${b}`
}

/** An amount in its currency, e.g. "€1,234.50" or "US$12.00". */
export function formatMoney(amount: number, currencyCode: string): string {
  try {
    return new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: currencyCode.toUpperCase(),
    }).format(amount)
  } catch {
    return `${amount.toFixed(2)} ${currencyCode.toUpperCase()}`
  }
}

/** Totals per currency on one line: "€120.00 · US$35.00"; a dash when there is none. */
export const formatTotals = (totals: CurrencyTotal[]): string =>
  totals.length
    ? totals.map((t) => formatMoney(t.amount, t.currency_code)).join(" · ")
    : "—"

/** "1 order", "3 orders". */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`

/** A date as the Medusa admin writes it, in the browser's time zone: "Dec 5, 2026". */
export const formatDate = (at: string | Date): string =>
  new Intl.DateTimeFormat("en-US", {
    month: "short",
    day: "numeric",
    year: "numeric",
  }).format(new Date(at))

/** A payment provider id as the Medusa admin names it: `pp_stripe_stripe` → "Stripe". */
export function formatProvider(id: string): string {
  const [, name = id, type] = id.split("_")
  const words = (s: string) =>
    s
      .split("-")
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(" ")
  return type && type !== name ? `${words(name)} (${words(type)})` : words(name)
}
