import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  dailySeries,
  isAttributed,
  overviewWindow,
  recoveredBySteps,
  totalsByCurrency,
  utcDate,
} from "../lib/overview"
import type { Overview } from "../types"
import { autopilotService, loadEffectiveSetting } from "./settings"

/** Orders read per Query call when adding up back-in-stock orders. */
const ORDER_CHUNK = 500

/**
 * What the plugin did for the shop over the last `days` UTC days (today
 * included), for the admin's overview. Every figure comes from the
 * plugin's own tables (one grouped, index-backed statement each); the only
 * read of Medusa's data is the totals of the orders that followed a
 * back-in-stock alert, through Query, by id.
 *
 * Back-in-stock orders: a subscription is converted when an order with its
 * email and variant is placed (the restock-alerts subscriber); it counts
 * here when the order came at most `conversion_days` (the restock-alerts
 * job's option) after the alert, so shortening the window applies to the
 * figures at once.
 */
export async function readOverview(
  container: MedusaContainer,
  days: number,
  now: Date = new Date()
): Promise<Overview> {
  const { from, to, dates } = overviewWindow(days, now)
  const service = autopilotService(container)
  const [rows, { options }] = await Promise.all([
    service.overviewRows(from, to),
    loadEffectiveSetting(container, "restock-alerts"),
  ])
  const attributionDays = Number(options.conversion_days)

  const conversions = rows.restockConversions.filter((c) =>
    isAttributed(
      new Date(c.notified_at),
      new Date(c.converted_at),
      attributionDays
    )
  )
  // One subscription per variant of an order can convert: count orders once.
  const orderDay = new Map<string, string>()
  for (const c of conversions) {
    const day = utcDate(new Date(c.converted_at))
    const seen = orderDay.get(c.converted_order_id)
    if (!seen || day < seen) orderDay.set(c.converted_order_id, day)
  }
  const orderTotals = await readOrderTotals(container, [...orderDay.keys()])

  return {
    days,
    dates,
    from: from.toISOString(),
    to: to.toISOString(),
    payment_recovery: {
      orders: sum(rows.paymentRecoveries),
      totals: totalsByCurrency(rows.paymentRecoveries),
      daily: dailySeries(dates, rows.paymentRecoveries),
    },
    cart_recovery: {
      carts: sum(rows.cartRecoveries),
      totals: totalsByCurrency(rows.cartRecoveries),
      by_step: recoveredBySteps(rows.cartRecoveries),
      daily: dailySeries(dates, rows.cartRecoveries),
      ...splitByDiscount(rows.cartRecoveries),
    },
    restock: {
      alerts: sum(rows.restockAlerts),
      orders: orderDay.size,
      attribution_days: attributionDays,
      totals: totalsByCurrency(orderTotals),
      daily_alerts: dailySeries(dates, rows.restockAlerts),
      daily_orders: dailySeries(
        dates,
        [...orderDay.values()].map((day) => ({ day, n: 1 }))
      ),
    },
    shipments: {
      delivered: sum(rows.delivered),
      problems: rows.problems.length,
      daily_delivered: dailySeries(dates, rows.delivered),
      daily_problems: dailySeries(
        dates,
        rows.problems.map((p) => ({ day: p.day, n: 1 }))
      ),
    },
    inventory: {
      fixed: sum(rows.inventoryFixes),
      daily: dailySeries(dates, rows.inventoryFixes),
    },
  }
}

const sum = (rows: { n: number }[]) =>
  rows.reduce((total, row) => total + Number(row.n), 0)

/** Recovered carts whose order used a reminder's discount code, and the others. */
function splitByDiscount(
  rows: {
    n: number
    discount_used: boolean
    currency_code: string
    amount: string
  }[]
) {
  const part = (used: boolean) => {
    const some = rows.filter((r) => !!r.discount_used === used)
    return { carts: sum(some), totals: totalsByCurrency(some) }
  }
  return { with_discount: part(true), without_discount: part(false) }
}

/**
 * Each order's total and currency, through Query. The total is the order
 * summary's `current_order_total` (what the order is worth now, after any
 * edit), which Medusa keeps per order: reading it is one indexed lookup,
 * where asking Query for `total` recomputes it from the items (7 times
 * slower on the demo's orders).
 */
async function readOrderTotals(
  container: MedusaContainer,
  orderIds: string[]
): Promise<{ currency_code: string; amount: number }[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const totals: { currency_code: string; amount: number }[] = []
  for (let i = 0; i < orderIds.length; i += ORDER_CHUNK) {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "currency_code", "summary.current_order_total"],
      filters: { id: orderIds.slice(i, i + ORDER_CHUNK) },
    })
    for (const order of data as {
      currency_code: string
      summary?: { current_order_total?: number | string | null } | null
    }[]) {
      totals.push({
        currency_code: order.currency_code,
        amount: Number(order.summary?.current_order_total ?? 0),
      })
    }
  }
  return totals
}
