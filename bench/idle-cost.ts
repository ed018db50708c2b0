import { mkdir, writeFile } from "node:fs/promises"
import path from "node:path"
import { performance } from "node:perf_hooks"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  capturePaymentWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
} from "@medusajs/medusa/core-flows"
import { createShopFixture } from "../integration-tests/helpers/shop-fixture"
import { cartAtPayment } from "../integration-tests/helpers/shop-fixture"
import { JOB_NAMES, type JobName } from "../src/catalog/jobs"
import { executeRun } from "../src/runtime/runner"
import { CART_BACKFILL_STATE_KEY } from "../src/workflows/carts/utils/backfill"
import { autopilotService, ensureJobSettings } from "../src/runtime/settings"
import { copyFamily, discoverFamily } from "./lib/clone-rows"
import { logger, positiveInt, rssSampler, secondsSince } from "./lib/common"

/**
 * Benchmark: what each job costs on a big shop when there is nothing to do.
 *
 * Seeds BENCH_IDLE_CARTS anonymous carts (2 items and an address each, 1 hour
 * to 20 days old: none is due for pruning, none has an email to remind) and
 * BENCH_IDLE_ORDERS orders (each with its completed cart, payment collection,
 * captured payment, 30–330 days old) by copying one cart and one order that
 * Medusa's own workflows wrote (`bench/lib/clone-rows.ts`), then runs every
 * job twice and measures the second run: wall time, SQL statements, and the
 * plan of every distinct statement, flagging any sequential scan of a table
 * with more than 10,000 rows.
 *
 * Env: BENCH_IDLE_CARTS (1000000), BENCH_IDLE_ORDERS (200000).
 */

const CARTS = positiveInt("BENCH_IDLE_CARTS", 1_000_000)
const ORDERS = positiveInt("BENCH_IDLE_ORDERS", 200_000)
const LARGE = 10_000
const OUT_FILE = path.join(process.cwd(), "bench", "out", "idle-cost.md")
const log = logger("idle-cost")

/** The tables a cart or an order with its payment spans (link tables included). */
const FAMILY_TABLE = /^(cart|order|payment|capture|refund|credit_line)/
const NOT_FAMILY = new Set(["payment_provider", "payment_method_token"])

type Statement = { sql: string; bindings: unknown[] }

type PlanNode = {
  "Node Type": string
  "Relation Name"?: string
  Plans?: PlanNode[]
}

type JobMeasure = {
  job: JobName
  ms: number
  statements: number
  distinct: number
  seqScans: string[]
  note: string
}

async function familyTables(knex: Knex): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: { table_name: string }[] }>(
    `select table_name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE'`
  )
  return rows
    .map((r) => r.table_name)
    .filter((t) => FAMILY_TABLE.test(t) && !NOT_FAMILY.has(t))
    .sort()
}

async function seed(container: MedusaContainer, knex: Knex) {
  const shop = await createShopFixture(container, 1_000_000)
  // The order template: checked out with the system provider and captured.
  const { cartId } = await cartAtPayment(container, shop, {
    providerId: "pp_system_default",
  })
  const { result } = await completeCartWorkflow(container).run({
    input: { id: cartId },
  })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "payment_collections.payments.id"],
    filters: { id: result.id },
  })
  const order = orders[0] as {
    id: string
    payment_collections: { payments: { id: string }[] }[]
  }
  await capturePaymentWorkflow(container).run({
    input: { payment_id: order.payment_collections[0].payments[0].id },
  })
  // The abandoned cart template: anonymous, two line items and an address.
  const { result: cart } = await createCartWorkflow(container).run({
    input: {
      region_id: shop.regionId,
      sales_channel_id: shop.salesChannelId,
      currency_code: "eur",
      items: [
        { variant_id: shop.variantId, quantity: 1 },
        { variant_id: shop.variantId, quantity: 2, metadata: { gift: true } },
      ],
      shipping_address: {
        first_name: "Anon",
        last_name: "Shopper",
        address_1: "Hauptstr. 2",
        city: "Berlin",
        postal_code: "10115",
        country_code: "de",
      },
    },
  })

  const tables = await familyTables(knex)
  const orderFamily = await discoverFamily(knex, order.id, tables)
  const cartFamily = await discoverFamily(knex, cart.id, tables)
  const shape = (f: typeof orderFamily) =>
    [...f.rows].map(([t, r]) => `${t} ${r.length}`).join(", ")
  log(`order template rows: ${shape(orderFamily)}`)
  log(`cart template rows: ${shape(cartFamily)}`)

  let t = performance.now()
  await copyFamily(knex, orderFamily, {
    from: 1,
    to: ORDERS,
    email: `'buyer' || g || '@bench.example.com'`,
    age: `make_interval(days => 30 + g % 300)`,
  })
  log(`${ORDERS} orders copied in ${secondsSince(t).toFixed(1)} s`)
  t = performance.now()
  await copyFamily(knex, cartFamily, {
    from: 1,
    to: CARTS,
    age: `make_interval(mins => 60 + g % 28000)`,
  })
  log(`${CARTS} carts copied in ${secondsSince(t).toFixed(1)} s`)
  await indexCartActivity(knex)
  await knex.raw(`vacuum analyze`)

  // The copies must read back through the modules like the originals.
  const carts = container.resolve(Modules.CART)
  // the newest anonymous carts: the template and its youngest copy
  const copy = (
    await carts.listCarts({ email: null } as Record<string, unknown>, {
      relations: ["items", "shipping_address"],
      take: 2,
      order: { id: "DESC" },
    })
  ).find((c) => c.id !== cart.id)
  if (copy?.items?.length !== 2 || !copy.shipping_address) {
    throw new Error(
      "a copied cart does not read back with its items and address"
    )
  }
  const orderModule = container.resolve(Modules.ORDER)
  const [orderCopy] = await orderModule.listOrders(
    {},
    { relations: ["items"], take: 1, order: { id: "ASC" } }
  )
  if (!orderCopy?.items?.length) {
    throw new Error("a copied order does not read back with its items")
  }
  return { templates: { cart: cart.id, order: order.id } }
}

/**
 * The plugin's cart activity rows for every seeded cart, as the one-time
 * backfill leaves them, and the backfill marked done: the bench measures
 * what a run costs once the plugin has caught up, not the first catch-up.
 * (The plugin's own table; the values mirror `toActivityRow`.)
 */
async function indexCartActivity(knex: Knex) {
  const t = performance.now()
  await knex.raw(`
    insert into autopilot_cart_activity
      (id, cart_id, email, customer_id, sales_channel_id, region_id, currency_code,
       item_count, cart_created_at, last_active_at, state, completed_at, order_id)
    select 'apca_' || substr(c.id, 6), c.id, lower(c.email), c.customer_id,
           c.sales_channel_id, c.region_id, c.currency_code,
           (select count(*) from cart_line_item li
             where li.cart_id = c.id and li.deleted_at is null),
           c.created_at, c.updated_at,
           case when c.completed_at is null then 'open' else 'completed' end,
           c.completed_at, oc.order_id
    from cart c
    left join order_cart oc on oc.cart_id = c.id and oc.deleted_at is null
    where c.deleted_at is null
      and not exists (select 1 from autopilot_cart_activity a where a.cart_id = c.id)`)
  await knex.raw(
    `insert into autopilot_state (id, key, value)
     values ('apst_bench_backfill', ?, ?::jsonb)
     on conflict (key) where deleted_at is null do update set value = excluded.value`,
    [
      CART_BACKFILL_STATE_KEY,
      JSON.stringify({ cursor: null, done: true, recorded: CARTS + ORDERS }),
    ]
  )
  log(`cart activity indexed in ${secondsSince(t).toFixed(1)} s`)
}

async function runJob(container: MedusaContainer, job: JobName) {
  const service = autopilotService(container)
  const run = await service.createJobRuns({
    job_name: job,
    trigger: "manual",
    dry_run: false,
    status: "queued",
  })
  await executeRun(container, run.id)
  return service.retrieveJobRun(run.id)
}

function seqScans(node: PlanNode, out: string[]): void {
  if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) {
    out.push(node["Relation Name"])
  }
  for (const child of node.Plans ?? []) seqScans(child, out)
}

async function largeTables(knex: Knex): Promise<Map<string, number>> {
  const { rows } = await knex.raw<{
    rows: { relname: string; reltuples: number }[]
  }>(
    `select relname, reltuples::bigint as reltuples from pg_class
     where relkind = 'r' and relnamespace = current_schema()::regnamespace`
  )
  return new Map(
    rows
      .filter((r) => Number(r.reltuples) > LARGE)
      .map((r) => [r.relname, Number(r.reltuples)])
  )
}

export default async function idleCostBench({ container }: ExecArgs) {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const t0 = performance.now()
  await seed(container, knex)
  const seedSeconds = secondsSince(t0)
  const large = await largeTables(knex)
  log(`large tables: ${[...large].map(([t, n]) => `${t} ${n}`).join(", ")}`)
  await ensureJobSettings(container)

  // Every statement any part of Medusa sends goes through this pool.
  let recording: Statement[] | undefined
  knex.on("query", (q: { sql: string; bindings?: unknown[] }) => {
    recording?.push({ sql: q.sql, bindings: q.bindings ?? [] })
  })

  const measures: JobMeasure[] = []
  const plans: string[] = []
  for (const job of JOB_NAMES) {
    // Off by default and needs the shop's feed URL: nothing to measure idle.
    // (shipment-tracking with no carrier configured starts no request.)
    if (job === "stock-feed-sync") continue
    const first = await runJob(container, job)
    log(`${job}: first run ${first.status} ${first.error ?? ""}`)
    recording = []
    const rss = rssSampler()
    rss.start()
    const t = performance.now()
    const run = await runJob(container, job)
    const ms = performance.now() - t
    const statements = recording
    recording = undefined
    const distinct = new Map<string, Statement>()
    for (const s of statements) distinct.set(s.sql, s)
    const scans: string[] = []
    for (const s of distinct.values()) {
      if (!/^\s*(select|update|delete|with)\b/i.test(s.sql)) continue
      if (process.env.BENCH_IDLE_SQL) log(`  ${job}: ${s.sql.slice(0, 400)}`)
      const explained = await knex
        .raw<{ rows: { "QUERY PLAN": { Plan: PlanNode }[] }[] }>(
          `explain (format json) ${s.sql}`,
          s.bindings as Knex.RawBinding[]
        )
        .catch(() => undefined)
      if (!explained) continue
      const found: string[] = []
      seqScans(explained.rows[0]["QUERY PLAN"][0].Plan, found)
      const big = found.filter((r) => large.has(r))
      scans.push(...big)
      if (big.length) {
        plans.push(
          `- \`${job}\`: sequential scan of ${big.join(", ")} in \`${s.sql.slice(0, 300)}\``
        )
      }
    }
    const counters = (run.counters ?? {}) as Record<string, number>
    measures.push({
      job,
      ms,
      statements: statements.length,
      distinct: distinct.size,
      seqScans: [...new Set(scans)],
      note: `${run.status}; scanned ${counters.scanned ?? 0}, changed ${counters.changed ?? 0}`,
    })
    log(`${job}: ${ms.toFixed(0)} ms, ${statements.length} statements`)
  }

  const lines = [
    "## idle-cost",
    "",
    `${CARTS.toLocaleString("en")} anonymous carts (1 h – 20 days old, 2 items and an address each) and ${ORDERS.toLocaleString("en")} orders (30–330 days old, completed cart, captured payment) — nothing for any job to do. Seeded in ${seedSeconds.toFixed(0)} s. Each job ran once to warm up; the table shows its second run. Plans: \`EXPLAIN\` of every distinct statement the run sent; a sequential scan of a table with more than ${LARGE.toLocaleString("en")} rows is listed.`,
    "",
    "| job | ms | statements | distinct | seq scans of large tables | run |",
    "| --- | --: | --: | --: | --- | --- |",
    ...measures.map(
      (m) =>
        `| ${m.job} | ${m.ms.toFixed(0)} | ${m.statements} | ${m.distinct} | ${m.seqScans.join(", ") || "none"} | ${m.note} |`
    ),
    "",
    `Large tables (rows): ${[...large].map(([t, n]) => `${t} ${n.toLocaleString("en")}`).join(", ")}.`,
    "",
    ...(plans.length ? ["Sequential scans:", "", ...plans, ""] : []),
  ]
  const table = lines.join("\n")
  console.log(table)
  await mkdir(path.dirname(OUT_FILE), { recursive: true })
  await writeFile(OUT_FILE, table)
}
