import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { rawRows } from "./raw"

/** A count (and a sum, where the table holds an amount) for one UTC day. */
export type DayRow = {
  /** YYYY-MM-DD, UTC. */
  day: string
  n: number
}

export type DayMoneyRow = DayRow & {
  currency_code: string
  /** Decimal text: PostgreSQL's exact sum of a numeric column. */
  amount: string
}

export type OverviewRows = {
  /** Payment sessions Autopilot turned into (or confirmed for) an order. */
  paymentRecoveries: DayMoneyRow[]
  /**
   * Reminded carts that became orders, per day, currency, last step sent
   * and whether the order used a reminder's discount code.
   */
  cartRecoveries: (DayMoneyRow & { step: number; discount_used: boolean })[]
  /** Back-in-stock alerts sent per day. */
  restockAlerts: DayRow[]
  /** Subscriptions converted in the period, one row each, for the attribution rule. */
  restockConversions: {
    id: string
    notified_at: Date
    converted_at: Date
    converted_order_id: string
  }[]
  delivered: DayRow[]
  /** Parcels with a problem event in the period, with the day of their first one. */
  problems: { shipment_id: string; day: string }[]
  inventoryFixes: DayRow[]
}

/** At most this many conversions are read per request (more than a shop makes in a year). */
export const OVERVIEW_CONVERSIONS_CAP = 10_000

/** The problem statuses a parcel can hit; kept in step with the partial index on shipment events. */
export const SHIPMENT_PROBLEM_STATUSES = [
  "attempt_failed",
  "exception",
  "returned_to_sender",
] as const

const DAY = `to_char(%s at time zone 'UTC', 'YYYY-MM-DD')`
const day = (column: string) => DAY.replace("%s", column)

/**
 * The overview's statements for `[from, to)`, one per figure, each grouped
 * by UTC day in SQL. Each reads one of this module's tables through a
 * partial index on the timestamp it filters on (see the models' `*_at`
 * indexes), so the cost follows the rows in the period, not the size of
 * the table. Exported for the bench, which `EXPLAIN`s them.
 */
export function overviewStatements(
  from: Date,
  to: Date
): Record<keyof OverviewRows, { sql: string; bindings: unknown[] }> {
  const range = [from, to]
  return {
    paymentRecoveries: {
      sql: `select ${day("recovered_at")} as day, lower(currency_code) as currency_code,
            count(*)::int as n, sum(amount)::text as amount
       from autopilot_payment_recovery
      where recovered_at >= ? and recovered_at < ?
        and recovered_at is not null and deleted_at is null
        and status = 'recovered' and resolution = 'autopilot'
      group by 1, 2`,
      bindings: range,
    },
    cartRecoveries: {
      sql: `select ${day("recovered_at")} as day, lower(coalesce(currency_code, '')) as currency_code,
            reminders_sent as step, discount_used, count(*)::int as n,
            coalesce(sum(recovered_total), 0)::text as amount
       from autopilot_cart_lead
      where recovered_at >= ? and recovered_at < ?
        and recovered_at is not null and deleted_at is null
        and status = 'recovered' and reminders_sent > 0
      group by 1, 2, 3, 4`,
      bindings: range,
    },
    restockAlerts: {
      sql: `select ${day("notified_at")} as day, count(*)::int as n
       from autopilot_restock_subscription
      where notified_at >= ? and notified_at < ?
        and notified_at is not null and deleted_at is null
      group by 1`,
      bindings: range,
    },
    restockConversions: {
      sql: `select id, notified_at, converted_at, converted_order_id
       from autopilot_restock_subscription
      where converted_at >= ? and converted_at < ?
        and converted_at is not null and deleted_at is null
        and notified_at is not null and converted_order_id is not null
      order by converted_at desc
      limit ?`,
      bindings: [...range, OVERVIEW_CONVERSIONS_CAP],
    },
    delivered: {
      sql: `select ${day("delivered_at")} as day, count(*)::int as n
       from autopilot_tracked_shipment
      where delivered_at >= ? and delivered_at < ?
        and delivered_at is not null and deleted_at is null
        and status = 'delivered'
      group by 1`,
      bindings: range,
    },
    problems: {
      sql: `select shipment_id, ${day("min(occurred_at)")} as day
       from autopilot_shipment_event
      where occurred_at >= ? and occurred_at < ?
        and status in ('attempt_failed', 'exception', 'returned_to_sender')
        and deleted_at is null and applied
      group by shipment_id`,
      bindings: range,
    },
    inventoryFixes: {
      sql: `select ${day("fixed_at")} as day, count(*)::int as n
       from autopilot_inventory_finding
      where fixed_at >= ? and fixed_at < ?
        and fixed_at is not null and deleted_at is null
      group by 1`,
      bindings: range,
    },
  }
}

/**
 * The overview's figures for `[from, to)` (see {@link overviewStatements}).
 * The seven reads are independent: outside a transaction each takes its
 * own pool connection, so they run side by side.
 */
export async function overviewRows(
  manager: SqlEntityManager,
  from: Date,
  to: Date
): Promise<OverviewRows> {
  const statements = overviewStatements(from, to)
  const names = Object.keys(statements) as (keyof OverviewRows)[]
  const results = await Promise.all(
    names.map((name) =>
      rawRows(manager, statements[name].sql, statements[name].bindings)
    )
  )
  return Object.fromEntries(
    names.map((name, i) => [name, results[i]])
  ) as unknown as OverviewRows
}
