import cronstrue from "cronstrue"
import type { JobView, RunView, Schedule } from "../../types"

/** "1 run", "5 runs"; `many` when the plural is not just an added "s". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`
}

const DATE = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
})
const DATE_TIME = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
})

/** A day as the Medusa admin writes it: "Dec 5, 2026". */
export function formatDate(iso: string | Date | null | undefined): string {
  if (!iso) return "—"
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? "—" : DATE.format(d)
}

/** A moment as the Medusa admin writes it, in the browser's time zone: "Dec 5, 2026, 3:04 PM". */
export function formatDateTime(
  iso: string | Date | null | undefined,
  format: Intl.DateTimeFormat = DATE_TIME
): string {
  if (!iso) return "—"
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? "—" : format.format(d)
}

function cronInWords(cron: string): string {
  let words: string
  try {
    words = cronstrue.toString(cron, {
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
    })
  } catch {
    return `cron ${cron}`
  }
  words = words.charAt(0).toLowerCase() + words.slice(1)
  const fields = cron.trim().split(/\s+/)
  const [dom, month, dow] = fields.slice(fields.length - 3)
  // cronstrue says "At 03:30" for a daily time; the merchant reads "daily".
  if (
    /^at \d\d:\d\d$/.test(words) &&
    dom === "*" &&
    month === "*" &&
    dow === "*"
  ) {
    words = `daily ${words}`
  }
  // Schedules run in UTC (cron-parser, as Medusa's own scheduler).
  return words.replace(/(\d\d:\d\d)/, "$1 UTC")
}

/** A schedule in words: "every 5 minutes", "daily at 03:30 UTC". */
export function formatSchedule(schedule: Schedule): string {
  if (typeof schedule === "string") return cronInWords(schedule)
  if ("cron" in schedule) return cronInWords(schedule.cron)
  const s = Math.round(schedule.interval / 1000)
  const every = (n: number, unit: string) =>
    n === 1 ? `every ${unit}` : `every ${plural(n, unit)}`
  if (s % 86_400 === 0) return every(s / 86_400, "day")
  if (s % 3600 === 0) return every(s / 3600, "hour")
  if (s % 60 === 0) return every(s / 60, "minute")
  return every(s, "second")
}

/** The schedule as written: the cron expression, or the interval. */
export function scheduleCode(schedule: Schedule): string | null {
  if (typeof schedule === "string") return schedule
  if ("cron" in schedule) return schedule.cron
  return null
}

/** "5 min ago", "in 2 h"; past a week, the date ("Dec 5, 2026"). */
export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return "—"
  const diff = new Date(iso).getTime() - now
  const abs = Math.abs(diff)
  if (abs >= 7 * 86_400_000) return formatDate(iso)
  const units: [number, string, string][] = [
    [86_400_000, "day", "days"],
    [3_600_000, "hour", "hours"],
    [60_000, "min", "min"],
    [1000, "s", "s"],
  ]
  if (abs < 45_000) return diff >= 0 ? "in a moment" : "just now"
  const [size, one, many] = units.find(([u]) => abs >= u) ?? units[3]
  const value = Math.max(1, Math.round(abs / size))
  const text = plural(value, one, many)
  return diff >= 0 ? `in ${text}` : `${text} ago`
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—"
  if (ms < 1000) return `${ms} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  return `${Math.round(ms / 60_000)} min`
}

export type BadgeColor = "green" | "red" | "blue" | "orange" | "grey" | "purple"

export function jobState(job: JobView): { label: string; color: BadgeColor } {
  if (job.current_run) {
    return job.current_run.status === "queued"
      ? { label: "Queued", color: "purple" }
      : { label: "Running", color: "blue" }
  }
  if (!job.enabled && job.auto_paused_at) {
    return { label: "Auto-paused", color: "red" }
  }
  if (!job.enabled) return { label: "Off", color: "grey" }
  if (job.paused_until && new Date(job.paused_until) > new Date()) {
    return { label: "Paused", color: "orange" }
  }
  if (job.stale) return { label: "Stale", color: "orange" }
  if (job.last_run?.status === "failed")
    return { label: "Failing", color: "red" }
  return { label: "On", color: "green" }
}

export function runColor(run: RunView): BadgeColor {
  switch (run.status) {
    case "succeeded":
      return run.counters.failed ? "orange" : "green"
    case "failed":
      return "red"
    case "running":
      return "blue"
    case "queued":
      return "purple"
    default:
      return "grey"
  }
}

/** Inventory findings as the merchant reads them. */
export const FINDING_TYPES: Record<string, string> = {
  reserved_drift: "Reserved quantity drift",
  orphaned_reservation: "Orphaned reservation",
  negative_stock: "Negative stock",
  overreserved: "More reserved than in stock",
  unused_location_stock: "Stock at an unused location",
}

/** The plugin's messages by name, as the merchant reads them. */
export const MESSAGE_NAMES: Record<string, string> = {
  "autopilot.cart.reminder": "Cart reminder",
  "autopilot.cart.recovered": "Cart recovered",
  "autopilot.restock.available": "Back-in-stock alert",
  "autopilot.restock.confirm": "Back-in-stock signup confirmation",
  "autopilot.shipment.shipped": "Shipping notice",
  "autopilot.shipment.out_for_delivery": "Out for delivery",
  "autopilot.shipment.delivered": "Delivered",
  "autopilot.shipment.all_delivered": "All parcels delivered",
  "autopilot.shipment.problem": "Delivery problem",
  "autopilot.payment.recovered": "Payment recovered",
  "autopilot.merchant.low_stock": "Low-stock digest (to you)",
  "autopilot.merchant.attention": "Payment needs attention (to you)",
  "autopilot.merchant.shipment_problem": "Parcel problem (to you)",
  "autopilot.merchant.shipment_late": "Parcel late or stuck (to you)",
  "autopilot.shipment.running_late": "Running late",
  "autopilot.merchant.job_paused": "Job paused (to you)",
  "autopilot.merchant.job_stale": "Job late (to you)",
}

/** A snake_case code in words, first letter capital: "needs_attention" → "Needs attention". */
export function codeInWords(code: string): string {
  const words = code.replace(/[_.-]+/g, " ").trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** An amount as the Medusa admin shows it: "€20.00". */
export function formatMoney(
  amount: number | string | null | undefined,
  currency: string | null | undefined
): string {
  if (amount === null || amount === undefined || amount === "") return "—"
  const n = Number(amount)
  if (!Number.isFinite(n)) return "—"
  if (!currency) return n.toFixed(2)
  try {
    return new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: currency.toUpperCase(),
    }).format(n)
  } catch {
    return `${n.toFixed(2)} ${currency.toUpperCase()}`
  }
}

/** A payment provider id in words: "pp_stripe_stripe" → "Stripe". */
export function providerName(id: string): string {
  if (id === "pp_system_default") return "Manual payment"
  const parts = id.replace(/^pp_/, "").split("_")
  const [first, ...rest] = parts
  const name = codeInWords(first)
  const extra = rest.filter((p) => p && p !== first)
  return extra.length ? `${name} (${extra.join(" ")})` : name
}
