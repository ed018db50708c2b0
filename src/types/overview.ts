/**
 * `GET /admin/autopilot/overview`: what the plugin did for the shop over
 * the last `days` days, added up. Every `daily` list has one number per
 * day of `dates` (UTC days, oldest first, today last).
 */

/** The periods the admin offers; the route takes any 1..365. */
export const OVERVIEW_PERIODS = [7, 30, 90] as const
export type OverviewPeriod = (typeof OVERVIEW_PERIODS)[number]
export const OVERVIEW_MAX_DAYS = 365

/** An amount in one currency, in the currency's main unit (12.5 = 12.50 EUR). */
export type CurrencyTotal = {
  currency_code: string
  amount: number
}

/** Reminder step (1-based) → carts that became orders after it was the last one sent. */
export type RecoveredByStep = {
  step: number
  carts: number
}

export type Overview = {
  days: number
  /** UTC dates (YYYY-MM-DD) of the period, oldest first. */
  dates: string[]
  /** Start of the first day (inclusive) and now (exclusive), ISO 8601. */
  from: string
  to: string
  payment_recovery: {
    /** Orders Autopilot completed after the customer paid and never came back, or whose payment it confirmed. */
    orders: number
    totals: CurrencyTotal[]
    daily: number[]
  }
  cart_recovery: {
    /** Reminded carts that became orders. */
    carts: number
    totals: CurrencyTotal[]
    by_step: RecoveredByStep[]
    daily: number[]
    /** Of those, the orders that used a reminder's discount code. */
    with_discount: { carts: number; totals: CurrencyTotal[] }
    /** …and the orders placed without one. */
    without_discount: { carts: number; totals: CurrencyTotal[] }
  }
  restock: {
    /** Back-in-stock alerts sent. */
    alerts: number
    /** Orders of the variant by the alerted email within `attribution_days` of the alert. */
    orders: number
    attribution_days: number
    totals: CurrencyTotal[]
    daily_alerts: number[]
    daily_orders: number[]
  }
  shipments: {
    delivered: number
    /** Parcels whose last news in the period was a failed attempt, an exception or a return. */
    problems: number
    daily_delivered: number[]
    daily_problems: number[]
  }
  inventory: {
    /** Inventory findings fixed (automatically or with "Fix now"). */
    fixed: number
    daily: number[]
  }
}

export type OverviewResponse = { overview: Overview }
