import { execFileSync } from "node:child_process"
import {
  appendFile,
  mkdir,
  mkdtemp,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  ProductStatus,
} from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"
import { createShopFixture } from "../integration-tests/helpers/shop-fixture"
import { logger, positiveInt, postgresVersion } from "./lib/common"
import { hasProc, MedusaServer, ROOT } from "./lib/medusa-server"

/**
 * Benchmark: what the plugin costs the storefront's hot path.
 *
 * One shop (one database, seeded here: a region, a sales channel with a
 * publishable key, a product with 5 variants in stock) is served by
 * `medusa start` in shared worker mode, alternately with the plugin
 * (installed as a merchant installs it: the built package as a `plugins`
 * entry) and without it (the same config minus that entry). Both servers
 * stay up for the whole run; only one has load at a time. After a warm-up,
 * each operation is measured in BENCH_PAIRS rounds of one burst per
 * server (BENCH_CONCURRENCY requests in flight for BENCH_SECONDS), the
 * order alternating from round to round so drift favours neither side:
 *
 * - create-cart: `POST /store/carts`;
 * - add-to-cart: `POST /store/carts/:id/line-items`, each cart getting the
 *   5 variants in turn, on carts that server created (unmeasured) before.
 *
 * Per burst: requests per second, and the server's CPU per request (user +
 * system time of its process group from /proc/<pid>/stat, read before and
 * after; after waits BENCH_SETTLE_MS so subscriber work triggered by the
 * last requests is counted). Prints, per pair and operation, the
 * throughput ratio and the CPU per request ratio (with ÷ without), and
 * their medians. Short interleaved bursts because this machine's speed
 * drifts over minutes (see bench/README.md).
 *
 * The plugin's job tickers run at their default 30 s (BENCH_TICK_MS to
 * change it): they are part of what the plugin costs the process.
 *
 * Env: BENCH_SECONDS (10), BENCH_PAIRS (12), BENCH_CONCURRENCY (10),
 * BENCH_WARMUP_SECONDS (5), BENCH_SETTLE_MS (1500), BENCH_TICK_MS (30000),
 * BENCH_SKIP_BUILD (1: reuse the last `npm run build`), BENCH_PG_STATS (1:
 * print the database work per request).
 */

const SECONDS = positiveInt("BENCH_SECONDS", 10)
const PAIRS = positiveInt("BENCH_PAIRS", 12)
const CONCURRENCY = positiveInt("BENCH_CONCURRENCY", 10)
const WARMUP_SECONDS = positiveInt("BENCH_WARMUP_SECONDS", 5)
const SETTLE_MS = positiveInt("BENCH_SETTLE_MS", 1500)
const TICK_MS = positiveInt("BENCH_TICK_MS", 30_000)
/** BENCH_OPS: the operations to measure (comma-separated; both by default). */
const OPS = (process.env.BENCH_OPS ?? "create-cart,add-to-cart").split(",")
/**
 * BENCH_BURSTS_FILE: where to append each burst's window on the monotonic
 * clock (µs, the clock of V8's CPU profiles), so a profile taken with
 * BENCH_SERVER_NODE_FLAGS="--cpu-prof …" can be cut to the measured bursts.
 */
const BURSTS_FILE = process.env.BENCH_BURSTS_FILE
const ITEMS_PER_CART = 5
const OUT_FILE = path.join(ROOT, "bench", "out", "storefront-overhead.md")
const log = logger("storefront-overhead")

type Shop = { regionId: string; token: string; variantIds: string[] }
type Side = "without" | "with"
type Op = "create-cart" | "add-to-cart"
type Measure = {
  rps: number
  cpuPerReq: number
  /** The server's resident memory after the burst. */
  rssMb: number
  requests: number
  errors: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** The shop every session serves: seeded once through Medusa's workflows. */
async function seed(container: MedusaContainer): Promise<Shop> {
  const fixture = await createShopFixture(container, 1_000_000_000)
  const {
    result: [product],
  } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: "Bench tee",
          status: ProductStatus.PUBLISHED,
          sales_channels: [{ id: fixture.salesChannelId }],
          options: [{ title: "Size", values: ["XS", "S", "M", "L", "XL"] }],
          variants: ["XS", "S", "M", "L", "XL"].map((size) => ({
            title: size,
            sku: `BENCH-${size}`,
            options: { Size: size },
            manage_inventory: true,
            prices: [{ currency_code: "eur", amount: 20 }],
          })),
        },
      ],
    },
  })
  const variantIds = product.variants!.map((v) => v.id)
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "product_variant",
      fields: ["inventory_items.inventory_item_id"],
      filters: { id: variantIds },
    })
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: (
        data as { inventory_items: { inventory_item_id: string }[] }[]
      ).map((v) => ({
        inventory_item_id: v.inventory_items[0].inventory_item_id,
        location_id: fixture.locationId,
        stocked_quantity: 1_000_000_000,
      })),
    },
  })
  const {
    result: [key],
  } = await createApiKeysWorkflow(container).run({
    input: {
      api_keys: [{ title: "Bench", type: "publishable", created_by: "bench" }],
    },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: key.id, add: [fixture.salesChannelId] },
  })
  return { regionId: fixture.regionId, token: key.token, variantIds }
}

/**
 * A shop directory whose node_modules is this repository's: without the
 * plugin, or with it installed as a merchant installs it (the built
 * package, `.medusa/server`, as a `plugins` entry; no ts-node at run time
 * for the plugin's code). Both configs are otherwise the same: the
 * Notification module with the local provider, shared worker mode, no admin.
 */
async function shopDir(withPlugin: boolean): Promise<string> {
  const dir = await mkdtemp(
    path.join(os.tmpdir(), `autopilot-shop-${withPlugin ? "with" : "without"}-`)
  )
  await symlink(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"))
  await writeFile(
    path.join(dir, "package.json"),
    JSON.stringify({
      name: "bench-shop",
      private: true,
      dependencies: { "@medusajs/medusa": "*" },
    })
  )
  await writeFile(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { module: "Node16", target: "ES2021" } })
  )
  const plugins = withPlugin
    ? `plugins: [{ resolve: ${JSON.stringify(ROOT)}, options: {} }],`
    : ""
  await writeFile(
    path.join(dir, "medusa-config.js"),
    `const { defineConfig } = require("@medusajs/framework/utils")
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    workerMode: "shared",
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:8000",
      jwtSecret: "bench-jwt",
      cookieSecret: "bench-cookie",
    },
  },
  admin: { disable: true },
  ${plugins}
  modules: [
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/notification-local",
            id: "local",
            options: { channels: ["email"] },
          },
        ],
      },
    },
  ],
})
`
  )
  return dir
}

/** Builds the plugin as it is published (`medusa plugin:build`). */
function buildPlugin(): void {
  log("building the plugin (npm run build)")
  execFileSync("npm", ["run", "--silent", "build"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  })
}

/** Runs `next` with CONCURRENCY in flight for `seconds`; counts answers. */
async function load(
  seconds: number,
  next: (worker: number) => Promise<Response>,
  onBody?: (body: string) => void
): Promise<{
  ok: number
  errors: number
  elapsed: number
  lastError?: string
}> {
  let ok = 0
  let errors = 0
  let lastError: string | undefined
  const t0 = performance.now()
  const end = t0 + seconds * 1000
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (performance.now() < end) {
        try {
          const res = await next(worker)
          if (res.ok) {
            ok++
            const body = await res.text()
            onBody?.(body)
          } else {
            errors++
            lastError = `${res.status} ${(await res.text()).slice(0, 200)}`
          }
        } catch (e) {
          errors++
          lastError = (e as Error).message
        }
      }
    })
  )
  return { ok, errors, elapsed: (performance.now() - t0) / 1000, lastError }
}

function client(server: MedusaServer, shop: Shop) {
  const headers = {
    "content-type": "application/json",
    "x-publishable-api-key": shop.token,
  }
  const createCart = () =>
    fetch(`${server.baseUrl}/store/carts`, {
      method: "POST",
      headers,
      body: JSON.stringify({ region_id: shop.regionId }),
    })
  const addItem = (cartId: string, variant: number) =>
    fetch(`${server.baseUrl}/store/carts/${cartId}/line-items`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        variant_id: shop.variantIds[variant],
        quantity: 1,
      }),
    })
  /** `count` new cart ids, created CONCURRENCY at a time. */
  const newCarts = async (count: number): Promise<string[]> => {
    const ids: string[] = []
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (ids.length < count) {
          const res = await createCart()
          if (!res.ok) throw new Error(`create cart: ${res.status}`)
          ids.push(((await res.json()) as { cart: { id: string } }).cart.id)
        }
      })
    )
    return ids
  }
  /** An add-to-cart load over a pool of carts, ITEMS_PER_CART items each. */
  const adder = (pool: string[]) => {
    let taken = 0
    const state = Array.from({ length: CONCURRENCY }, () => ({
      cart: "",
      items: ITEMS_PER_CART,
    }))
    return (worker: number) => {
      const s = state[worker]
      if (s.items === ITEMS_PER_CART) {
        // the pool is sized for the run; should it run out, carts are reused
        s.cart = pool[taken++ % pool.length]
        s.items = 0
      }
      return addItem(s.cart, s.items++)
    }
  }
  return { createCart, newCarts, adder }
}

/**
 * The server really has the plugin (or really has not): its store route
 * answers a body without a token with 400, and is unknown (404) without it.
 */
async function expectPlugin(
  server: MedusaServer,
  shop: Shop,
  withPlugin: boolean
): Promise<void> {
  const res = await fetch(`${server.baseUrl}/store/autopilot/confirm`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-publishable-api-key": shop.token,
    },
    body: "{}",
  })
  await res.arrayBuffer()
  const want = withPlugin ? 400 : 404
  if (res.status !== want) {
    throw new Error(
      `${server.name}: POST /store/autopilot/confirm answered ${res.status}, expected ${want}`
    )
  }
}

/**
 * The cart activity feed ran for every cart the "with" server created: each
 * has its activity row (so the cost measured includes the feed).
 */
async function expectFeed(
  container: MedusaContainer,
  cartIds: string[]
): Promise<void> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const {
    rows: [row],
  } = await pg.raw(
    `select count(*)::int as missing from unnest(?::text[]) as c(id)
      where not exists (
        select 1 from autopilot_cart_activity a where a.cart_id = c.id
      )`,
    [cartIds]
  )
  if (!cartIds.length || row.missing) {
    throw new Error(
      `the cart activity feed missed ${row.missing} of ${cartIds.length} carts created with the plugin`
    )
  }
  log(
    `feed check: all ${cartIds.length} carts created with the plugin have their activity row`
  )
}

/** One session: a fresh server, warmed up, both operations measured. */
/**
 * BENCH_PG_STATS=1: what each measured run did in PostgreSQL, per request
 * (transactions, and per table the scans and rows written), from
 * `pg_stat_database` and `pg_stat_user_tables` before and after.
 */
const PG_STATS = process.env.BENCH_PG_STATS === "1"
type PgSnapshot = Map<string, number>
async function pgSnapshot(container: MedusaContainer): Promise<PgSnapshot> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  // the statistics collector publishes with a delay: wait for it
  await sleep(1_000)
  const snap: PgSnapshot = new Map()
  const { rows: db } = await pg.raw(
    `select xact_commit + xact_rollback as xacts from pg_stat_database
      where datname = current_database()`
  )
  snap.set("transactions", Number(db[0].xacts))
  const { rows } = await pg.raw(
    `select relname, coalesce(seq_scan, 0) as seq, coalesce(idx_scan, 0) as idx,
            n_tup_ins + n_tup_upd + n_tup_del as written
       from pg_stat_user_tables`
  )
  for (const r of rows) {
    snap.set(`${r.relname} seq scans`, Number(r.seq))
    snap.set(`${r.relname} index scans`, Number(r.idx))
    snap.set(`${r.relname} rows written`, Number(r.written))
  }
  return snap
}
function pgPerRequest(a: PgSnapshot, b: PgSnapshot, requests: number) {
  const out: string[] = []
  for (const [k, v] of b) {
    const d = (v - (a.get(k) ?? 0)) / requests
    if (d >= 0.05) out.push(`${k} ${d.toFixed(2)}`)
  }
  return out.join("; ")
}

/** One measured burst on one server: requests per second, CPU per request. */
async function measure(
  server: MedusaServer,
  container: MedusaContainer,
  run: () => ReturnType<typeof load>
): Promise<Measure> {
  const pg0 = PG_STATS ? await pgSnapshot(container) : undefined
  const cpu0 = server.cpuMs()
  const from = process.hrtime.bigint() / 1000n
  const r = await run()
  await sleep(SETTLE_MS)
  const cpu = server.cpuMs() - cpu0
  if (BURSTS_FILE) {
    const burst = {
      pid: server.child?.pid,
      server: server.name,
      from: Number(from),
      to: Number(process.hrtime.bigint() / 1000n),
      requests: r.ok,
      cpuMs: cpu,
    }
    await appendFile(BURSTS_FILE, JSON.stringify(burst) + "\n")
  }
  if (pg0) {
    log(
      `${server.name}, PostgreSQL per request: ` +
        pgPerRequest(pg0, await pgSnapshot(container), r.ok)
    )
  }
  if (r.errors > r.ok / 100) {
    throw new Error(
      `${server.name}: ${r.errors} errors for ${r.ok} answers (${r.lastError})`
    )
  }
  return {
    rps: r.ok / r.elapsed,
    cpuPerReq: cpu / r.ok,
    rssMb: server.rssMb(),
    requests: r.ok,
    errors: r.errors,
  }
}

function report(op: Op, round: number, got: Record<Side, Measure>) {
  const a = got.without
  const b = got.with
  log(
    `pair ${round + 1}/${PAIRS} ${op}: ${b.rps.toFixed(1)} req/s with vs ${a.rps.toFixed(1)} without ` +
      `(${(b.rps / a.rps).toFixed(3)}×); CPU ${b.cpuPerReq.toFixed(2)} ms/req with vs ` +
      `${a.cpuPerReq.toFixed(2)} without (${(b.cpuPerReq / a.cpuPerReq).toFixed(3)}×); ` +
      `RSS ${b.rssMb} MB with, ${a.rssMb} MB without`
  )
}

const CART_ID = /"cart":\{"id":"(cart_[0-9A-Z]+)"/

export default async function storefrontOverhead({ container }: ExecArgs) {
  if (!hasProc()) throw new Error("this bench reads /proc: Linux only")
  const startedAt = new Date()
  log(`seeding the shop`)
  const shop = await seed(container)
  if (process.env.BENCH_SKIP_BUILD !== "1") buildPlugin()
  const bare = await shopDir(false)
  const installed = await shopDir(true)
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MEDUSA_WORKER_MODE: "shared",
    MEDUSA_ADMIN_DISABLED: "true",
    AUTOPILOT_TICK_MS: String(TICK_MS),
    LOG_LEVEL: "error",
  }
  const servers: Record<Side, MedusaServer> = {
    without: new MedusaServer("without the plugin", bare, env),
    with: new MedusaServer("with the plugin", installed, env),
  }
  const SIDES: Side[] = ["without", "with"]
  const results: Record<Op, Record<Side, Measure>[]> = {
    "create-cart": [],
    "add-to-cart": [],
  }
  try {
    // Both servers stay up for the whole run; only one has load at a time.
    for (const side of SIDES) {
      log(`starting the shop ${servers[side].name}`)
      await servers[side].start()
      await expectPlugin(servers[side], shop, side === "with")
    }
    const api = {
      without: client(servers.without, shop),
      with: client(servers.with, shop),
    }
    const created: Record<Side, string[]> = { without: [], with: [] }
    const keep = (side: Side) => (body: string) => {
      const id = CART_ID.exec(body)?.[1]
      if (id) created[side].push(id)
    }
    // warm-up (unmeasured): both paths, and the add rate pools are sized from
    let addRate = 0
    for (const side of SIDES) {
      await load(WARMUP_SECONDS, () => api[side].createCart(), keep(side))
      const warmPool = await api[side].newCarts(CONCURRENCY * 4)
      created[side].push(...warmPool)
      const warm = await load(WARMUP_SECONDS, api[side].adder(warmPool))
      addRate = Math.max(addRate, warm.ok / warm.elapsed)
    }
    await sleep(SETTLE_MS)

    // One pair per round: a burst on each server, the order alternating
    // from round to round, so drift favours neither side.
    const order = (round: number): Side[] =>
      round % 2 ? ["with", "without"] : ["without", "with"]
    for (let round = 0; OPS.includes("create-cart") && round < PAIRS; round++) {
      const got = {} as Record<Side, Measure>
      for (const side of order(round)) {
        got[side] = await measure(servers[side], container, () =>
          load(SECONDS, () => api[side].createCart(), keep(side))
        )
      }
      results["create-cart"].push(got)
      report("create-cart", round, got)
    }
    const pools = {} as Record<Side, string[]>
    for (const side of OPS.includes("add-to-cart") ? SIDES : []) {
      pools[side] = await api[side].newCarts(
        Math.ceil((addRate * SECONDS * PAIRS * 1.2) / ITEMS_PER_CART) +
          CONCURRENCY
      )
      created[side].push(...pools[side])
    }
    await sleep(SETTLE_MS)
    const adders = {
      without: api.without.adder(pools.without),
      with: api.with.adder(pools.with),
    }
    for (let round = 0; OPS.includes("add-to-cart") && round < PAIRS; round++) {
      const got = {} as Record<Side, Measure>
      for (const side of order(round)) {
        got[side] = await measure(servers[side], container, () =>
          load(SECONDS, adders[side])
        )
      }
      results["add-to-cart"].push(got)
      report("add-to-cart", round, got)
    }
    await sleep(SETTLE_MS)
    await expectFeed(container, created.with)
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()))
    await rm(bare, { recursive: true, force: true })
    await rm(installed, { recursive: true, force: true })
  }

  const lines = [
    `## storefront-overhead`,
    "",
    `${startedAt.toISOString()}; PostgreSQL ${await postgresVersion(container)}; ` +
      `${PAIRS} pairs per operation, ${CONCURRENCY} concurrent requests for ${SECONDS} s per burst, ` +
      `both servers up, one loaded at a time; shared worker mode, job ticks every ${TICK_MS / 1000} s; load average ` +
      `${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} at the end`,
    "",
    "| pair | operation | req/s without | req/s with | throughput ratio | CPU ms/req without | CPU ms/req with | CPU ratio |",
    "| ---: | --------- | ------------: | ---------: | ---------------: | -----------------: | --------------: | --------: |",
  ]
  const summary: string[] = []
  for (const op of (["create-cart", "add-to-cart"] as Op[]).filter((o) =>
    OPS.includes(o)
  )) {
    const tput: number[] = []
    const cpu: number[] = []
    results[op].forEach((r, i) => {
      const a = r.without
      const b = r.with
      tput.push(b.rps / a.rps)
      cpu.push(b.cpuPerReq / a.cpuPerReq)
      lines.push(
        `| ${i + 1} | ${op} | ${a.rps.toFixed(1)} | ${b.rps.toFixed(1)} | ${(b.rps / a.rps).toFixed(3)} | ` +
          `${a.cpuPerReq.toFixed(2)} | ${b.cpuPerReq.toFixed(2)} | ${(b.cpuPerReq / a.cpuPerReq).toFixed(3)} |`
      )
    })
    const t = median(tput)
    const c = median(cpu)
    const rpsWithout = median(results[op].map((r) => r.without.rps))
    const cpuWithout = median(results[op].map((r) => r.without.cpuPerReq))
    summary.push(
      `- **${op}**: median throughput ratio ${t.toFixed(3)}× (target ≥ 0.97; ` +
        `without the plugin ${rpsWithout.toFixed(1)} req/s), median CPU per request ratio ` +
        `${c.toFixed(3)}× (target ≤ 1.05; without the plugin ${cpuWithout.toFixed(2)} ms/req) — ` +
        `${t >= 0.97 && c <= 1.05 ? "on target" : "OFF TARGET"}`
    )
  }
  lines.push("", ...summary, "")
  const text = lines.join("\n")
  console.log(`\n${text}`)
  await mkdir(path.dirname(OUT_FILE), { recursive: true })
  await writeFile(OUT_FILE, text)
}
