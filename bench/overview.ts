import { mkdir, writeFile } from "node:fs/promises"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import {
  cartAtPayment,
  createShopFixture,
} from "../integration-tests/helpers/shop-fixture"
import { readOverview } from "../src/runtime/overview"
import {
  autopilotService,
  ensureJobSettings,
  loadEffectiveSetting,
} from "../src/runtime/settings"
import { overviewWindow } from "../src/lib/overview"
import { overviewStatements } from "../src/modules/autopilot/sql/overview"
import { copyFamily, discoverFamily } from "./lib/clone-rows"
import {
  logger,
  positiveInt,
  postgresVersion,
  secondsSince,
} from "./lib/common"
import { seedCarts } from "./lib/seed-carts"

/**
 * Benchmark: `GET /admin/autopilot/overview` on a big shop.
 *
 * Seeds BENCH_OVERVIEW_CARTS (1,000,000) carts with the cart-pruning
 * bench's SQL generator (`bench/lib/seed-carts.ts`) and
 * BENCH_OVERVIEW_ORDERS (200,000) orders by copying one order Medusa's
 * workflows wrote (`bench/lib/clone-rows.ts`, as the idle-cost bench does),
 * spread over the last year. The plugin's tables get a year of history in
 * proportion: a lead per cart (2 % recovered after a reminder), a payment
 * recovery per 20 orders, a back-in-stock subscription per order (half
 * alerted, 1 % of them followed by one of the seeded orders), a tracked
 * parcel per order with three carrier events (2 % with an exception), and
 * 20,000 inventory findings (half fixed).
 *
 * Then it times what the route runs (`readOverview`: the grouped reads and
 * the Query of the back-in-stock orders' totals; the route adds only zod
 * and JSON) for 7, 30, 90 and 365 days, BENCH_OVERVIEW_REPEAT (15) times
 * each after a warm-up, and, in the same run, two baselines: the same
 * reads with the overview's partial indexes dropped, and a plain
 * `count(*)` of the same tables.
 */

const CARTS = positiveInt("BENCH_OVERVIEW_CARTS", 1_000_000)
const ORDERS = positiveInt("BENCH_OVERVIEW_ORDERS", 200_000)
const REPEAT = positiveInt("BENCH_OVERVIEW_REPEAT", 15)
const PERIODS = [7, 30, 90, 365]
const TARGET_MS = 200
const OUT_FILE = path.join(process.cwd(), "bench", "out", "overview.md")
const log = logger("overview")

/** The partial indexes the overview reads through (Migration20261206045002). */
const INDEXES: Record<string, string> = {
  IDX_autopilot_payment_recovery_recovered_at: `on autopilot_payment_recovery (recovered_at) where recovered_at is not null and deleted_at is null`,
  IDX_autopilot_cart_lead_recovered_at: `on autopilot_cart_lead (recovered_at) where recovered_at is not null and deleted_at is null`,
  IDX_autopilot_restock_subscription_notified_at: `on autopilot_restock_subscription (notified_at) where notified_at is not null and deleted_at is null`,
  IDX_autopilot_restock_subscription_converted_at: `on autopilot_restock_subscription (converted_at) where converted_at is not null and deleted_at is null`,
  IDX_autopilot_tracked_shipment_delivered_at: `on autopilot_tracked_shipment (delivered_at) where delivered_at is not null and deleted_at is null`,
  IDX_autopilot_shipment_event_problem: `on autopilot_shipment_event (occurred_at) where status in ('attempt_failed', 'exception', 'returned_to_sender') and deleted_at is null`,
  IDX_autopilot_inventory_finding_fixed_at: `on autopilot_inventory_finding (fixed_at) where fixed_at is not null and deleted_at is null`,
}
const TABLES = [
  "autopilot_payment_recovery",
  "autopilot_cart_lead",
  "autopilot_restock_subscription",
  "autopilot_tracked_shipment",
  "autopilot_shipment_event",
  "autopilot_inventory_finding",
]

/** A timestamp `g`-dependent within the last year (SQL, of the series number `g`). */
const withinYear = (g: string, salt: number) =>
  `now() - make_interval(secs => ((${g}::bigint * ${7919 + salt}) % 31536000)::int)`

async function seedMedusa(container: MedusaContainer, knex: Knex) {
  const shop = await createShopFixture(container, 1_000_000)
  const { cartId } = await cartAtPayment(container, shop, {
    providerId: "pp_system_default",
  })
  const { result: order } = await completeCartWorkflow(container).run({
    input: { id: cartId },
  })
  const { rows } = await knex.raw<{ rows: { table_name: string }[] }>(
    `select table_name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE'`
  )
  const tables = rows
    .map((r) => r.table_name)
    .filter(
      (t) =>
        /^(cart|order|payment|capture|refund|credit_line)/.test(t) &&
        !["payment_provider", "payment_method_token"].includes(t)
    )
  const family = await discoverFamily(knex, order.id, tables)
  let t = performance.now()
  await copyFamily(knex, family, {
    from: 1,
    to: ORDERS,
    email: `'buyer' || g || '@bench.example.com'`,
    age: `make_interval(secs => ((g::bigint * 7919) % 31536000)::int)`,
  })
  log(`${ORDERS} orders copied in ${secondsSince(t).toFixed(1)} s`)
  t = performance.now()
  // The generator speaks pg's `$n`; knex binds `?` in order of appearance.
  const run = (sql: string, params: unknown[] = []) => {
    const bindings: unknown[] = []
    const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
      bindings.push(params[Number(n) - 1])
      return "?"
    })
    return knex.raw(text, bindings as never[])
  }
  await seedCarts(run, {
    from: 0,
    to: CARTS,
    regionId: shop.regionId,
    salesChannelId: shop.salesChannelId,
    ageDays: 1,
    spreadDays: 60,
  })
  log(`${CARTS} carts seeded in ${secondsSince(t).toFixed(1)} s`)
  return { templateOrderId: order.id, shop }
}

async function seedPlugin(
  knex: Knex,
  templateOrderId: string,
  variantId: string,
  salesChannelId: string
) {
  const t = performance.now()
  // A lead per cart; every 50th recovered after 1–3 reminders.
  await knex.raw(
    `insert into autopilot_cart_lead (id, cart_id, email, currency_code, status, total, raw_total,
       reminders_sent, recovered_order_id, recovered_total, raw_recovered_total, recovered_at,
       created_at, updated_at)
     select 'apcl_BENCH' || lpad(g::text, 21, '0'), 'cart_BENCH' || lpad(g::text, 21, '0'),
            'shopper' || g || '@example.com', case when g % 7 = 0 then 'usd' else 'eur' end,
            case when g % 50 = 0 then 'recovered' else 'archived' end,
            48.48, '{"value":"48.48","precision":20}'::jsonb,
            case when g % 50 = 0 then 1 + g % 3 else g % 4 end,
            case when g % 50 = 0 then 'order_bench_' || g end,
            case when g % 50 = 0 then 48.48 end,
            case when g % 50 = 0 then '{"value":"48.48","precision":20}'::jsonb end,
            case when g % 50 = 0 then ${withinYear("g", 1)} end,
            ${withinYear("g", 2)}, now()
       from generate_series(0, ?::int - 1) g`,
    [CARTS]
  )
  await knex.raw(
    `insert into autopilot_payment_recovery (id, payment_session_id, payment_collection_id, cart_id,
       order_id, provider_id, amount, raw_amount, currency_code, status, resolution, attempts,
       session_created_at, recovered_at)
     select 'aprec_BENCH' || g, 'payses_bench_' || g, 'paycol_bench_' || g, 'cart_bench_pay_' || g,
            case when g % 2 = 0 then 'order_bench_pay_' || g end, 'pp_system_default',
            59.9, '{"value":"59.9","precision":20}'::jsonb, 'eur',
            case when g % 2 = 0 then 'recovered' else 'abandoned' end,
            case when g % 2 = 0 then 'autopilot' else 'expired' end, 3,
            ${withinYear("g", 3)}, case when g % 2 = 0 then ${withinYear("g", 3)} end
       from generate_series(1, ?::int) g`,
    [Math.ceil(ORDERS / 20)]
  )
  // A subscription per order: half alerted, 1 % of those bought (the
  // order is one of the seeded copies, so Query reads real totals).
  await knex.raw(
    `insert into autopilot_restock_subscription (id, variant_id, sales_channel_id, email, status,
       notified_at, converted_at, converted_order_id, created_at, updated_at)
     select 'aprs_BENCH' || g, ?, ?, 'fan' || g || '@example.com',
            case when g % 2 = 0 then 'notified' else 'active' end,
            case when g % 2 = 0 then ${withinYear("g", 4)} end,
            case when g % 200 = 0 then ${withinYear("g", 4)} + interval '1 day' end,
            case when g % 200 = 0 then ? || '_b' || g end,
            ${withinYear("g", 4)} - interval '3 days', now()
       from generate_series(1, ?::int) g`,
    [variantId, salesChannelId, templateOrderId, ORDERS]
  )
  await knex.raw(
    `insert into autopilot_tracked_shipment (id, provider, tracking_number, fulfillment_id, order_id,
       status, progress_status, started_at, delivered_at)
     select 'apship_BENCH' || g, 'sandbox', 'BENCH-' || g, 'ful_bench_' || g, ? || '_b' || g,
            case when g % 50 = 0 then 'exception' else 'delivered' end,
            case when g % 50 = 0 then 'in_transit' else 'delivered' end,
            ${withinYear("g", 5)} - interval '3 days',
            case when g % 50 = 0 then null else ${withinYear("g", 5)} end
       from generate_series(1, ?::int) g`,
    [templateOrderId, ORDERS]
  )
  await knex.raw(
    `insert into autopilot_shipment_event (id, shipment_id, status, occurred_at, source, applied, dedupe_key)
     select 'apsev_BENCH' || g || '_' || k, 'apship_BENCH' || g,
            case k when 1 then 'info_received' when 2 then 'in_transit'
                   else case when g % 50 = 0 then 'exception' else 'delivered' end end,
            ${withinYear("g", 5)} - make_interval(days => 3 - k), 'poll', true, 'bench-' || k
       from generate_series(1, ?::int) g, generate_series(1, 3) k`,
    [ORDERS]
  )
  await knex.raw(
    `insert into autopilot_inventory_finding (id, type, fingerprint, mode, status, details,
       first_seen_at, last_seen_at, fixed_at)
     select 'apinv_BENCH' || g, 'orphaned_reservation', 'bench-' || g, 'fix',
            case when g % 2 = 0 then 'fixed' else 'open' end, '{}'::jsonb,
            ${withinYear("g", 6)}, ${withinYear("g", 6)},
            case when g % 2 = 0 then ${withinYear("g", 6)} end
       from generate_series(1, 20000) g`
  )
  await knex.raw(`vacuum analyze`)
  log(`plugin tables seeded in ${secondsSince(t).toFixed(1)} s`)
}

type Timing = { median: number; p95: number; min: number }

type PlanNode = {
  "Node Type": string
  "Relation Name"?: string
  "Index Name"?: string
  Plans?: PlanNode[]
}

/** The scans of a plan: "Index Scan using IDX_…", "Seq Scan on cart", … */
function scanNodes(node: PlanNode, out: string[]): void {
  if (/Scan/.test(node["Node Type"])) {
    out.push(
      node["Index Name"]
        ? `${node["Node Type"]} using ${node["Index Name"]}`
        : `${node["Node Type"]} on ${node["Relation Name"] ?? "?"}`
    )
  }
  for (const child of node.Plans ?? []) scanNodes(child, out)
}

async function time(
  repeat: number,
  work: () => Promise<unknown>
): Promise<Timing> {
  await work() // warm-up
  await work()
  const ms: number[] = []
  for (let i = 0; i < repeat; i++) {
    const t = performance.now()
    await work()
    ms.push(performance.now() - t)
  }
  ms.sort((a, b) => a - b)
  return {
    median: ms[Math.floor(ms.length / 2)],
    p95: ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)],
    min: ms[0],
  }
}

const f = (ms: number) => ms.toFixed(1)

export default async function overviewBench({ container }: ExecArgs) {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const t0 = performance.now()
  const { templateOrderId, shop } = await seedMedusa(container, knex)
  await seedPlugin(knex, templateOrderId, shop.variantId, shop.salesChannelId)
  const seedSeconds = secondsSince(t0)
  await ensureJobSettings(container)

  const counts: Record<string, number> = {}
  for (const table of [...TABLES, "cart", "order"]) {
    const { rows } = await knex.raw<{ rows: { n: string }[] }>(
      `select count(*) as n from "${table}"`
    )
    counts[table] = Number(rows[0].n)
  }
  log(`rows: ${JSON.stringify(counts)}`)

  const figures: string[] = []
  const withIndexes: Record<number, Timing> = {}
  for (const days of PERIODS) {
    const o = await readOverview(container, days)
    withIndexes[days] = await time(REPEAT, () => readOverview(container, days))
    figures.push(
      `${days} d: ${o.payment_recovery.orders} payments, ${o.cart_recovery.carts} carts, ` +
        `${o.restock.alerts} alerts → ${o.restock.orders} orders, ${o.shipments.delivered} delivered / ` +
        `${o.shipments.problems} problems, ${o.inventory.fixed} fixes`
    )
    log(
      `with indexes, ${days} d: median ${f(withIndexes[days].median)} ms, p95 ${f(withIndexes[days].p95)} ms`
    )
  }

  // How PostgreSQL reads each statement of a 30-day call, and where a
  // 30-day call's time goes.
  const { from, to } = overviewWindow(30, new Date())
  const plans: string[] = []
  for (const [name, st] of Object.entries(overviewStatements(from, to))) {
    const explained = await knex.raw<{
      rows: { "QUERY PLAN": { Plan: PlanNode }[] }[]
    }>(`explain (format json) ${st.sql}`, st.bindings as Knex.RawBinding[])
    const scans: string[] = []
    scanNodes(explained.rows[0]["QUERY PLAN"][0].Plan, scans)
    plans.push(`${name}: ${[...new Set(scans)].join(", ")}`)
  }
  const service = autopilotService(container)
  const parts = {
    "the seven grouped reads": await time(REPEAT, () =>
      service.overviewRows(from, to)
    ),
    "the restock-alerts setting": await time(REPEAT, () =>
      loadEffectiveSetting(container, "restock-alerts")
    ),
  }
  log(`plans: ${plans.join("; ")}`)

  const countAll = await time(REPEAT, () =>
    Promise.all(TABLES.map((t) => knex.raw(`select count(*) from "${t}"`)))
  )
  log(`baseline count(*) of the six tables: median ${f(countAll.median)} ms`)

  for (const name of Object.keys(INDEXES)) {
    await knex.raw(`drop index if exists "${name}"`)
  }
  await knex.raw(`analyze`)
  const withoutIndexes: Record<number, Timing> = {}
  for (const days of PERIODS) {
    withoutIndexes[days] = await time(Math.max(3, Math.ceil(REPEAT / 3)), () =>
      readOverview(container, days)
    )
    log(
      `without indexes, ${days} d: median ${f(withoutIndexes[days].median)} ms`
    )
  }
  for (const [name, definition] of Object.entries(INDEXES)) {
    await knex.raw(`create index if not exists "${name}" ${definition}`)
  }

  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")
  const rowsLine = Object.entries(counts)
    .map(([t, n]) => `${t} ${n.toLocaleString("en")}`)
    .join(", ")
  const md = [
    "## overview",
    "",
    `\`GET /admin/autopilot/overview\` (what the route runs: \`readOverview\`), ` +
      `seeded in ${seedSeconds.toFixed(0)} s; rows: ${rowsLine}. ` +
      `PostgreSQL ${await postgresVersion(container)}; load average at the end ${load}. ` +
      `Median and p95 of ${REPEAT} calls after two warm-ups; without the indexes ` +
      `${Math.max(3, Math.ceil(REPEAT / 3))} calls.`,
    "",
    "| days | with the overview's indexes: median ms | p95 ms | without them: median ms | count(*) of the same six tables: median ms | target |",
    "| ---: | ---: | ---: | ---: | ---: | --- |",
    ...PERIODS.map(
      (d) =>
        `| ${d} | ${f(withIndexes[d].median)} | ${f(withIndexes[d].p95)} | ${f(withoutIndexes[d].median)} | ${f(countAll.median)} | ${
          withIndexes[d].median < TARGET_MS ? "met" : "**not met**"
        } (< ${TARGET_MS} ms) |`
    ),
    "",
    "Parts of a 30-day call (median ms): " +
      Object.entries(parts)
        .map(([k, v]) => `${k} ${f(v.median)}`)
        .join(", ") +
      " (the rest: the Query of the back-in-stock orders' totals).",
    "",
    "Plans of a 30-day call's reads (`EXPLAIN`, with the indexes):",
    "",
    ...plans.map((p) => `- ${p}`),
    "",
    "Figures the reads returned:",
    "",
    ...figures.map((l) => `- ${l}`),
    "",
  ].join("\n")
  await mkdir(path.dirname(OUT_FILE), { recursive: true })
  await writeFile(OUT_FILE, md)
  console.log(md)
}
