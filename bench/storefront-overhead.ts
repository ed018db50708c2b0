import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises"
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
 * `medusa start` in shared worker mode, alternately with the plugin (this
 * repository's development config: the plugin's module, subscribers, jobs
 * and routes) and without it (the same config minus the plugin, from a
 * temporary directory). Each session starts a fresh server, warms it up and
 * measures, with BENCH_CONCURRENCY requests in flight for BENCH_SECONDS:
 *
 * - create-cart: `POST /store/carts`;
 * - add-to-cart: `POST /store/carts/:id/line-items`, each cart getting the
 *   5 variants in turn, on carts created (unmeasured) before the run.
 *
 * Per run: requests per second, and the server's CPU per request (user +
 * system time of its process group from /proc/<pid>/stat, read before and
 * after; after waits BENCH_SETTLE_MS so subscriber work triggered by the
 * last requests is counted). BENCH_PAIRS pairs; the order within a pair
 * alternates (without/with, then with/without) so drift does not favour
 * one side. Prints, per pair and operation, the throughput ratio and the CPU
 * per request ratio (with ÷ without), and their medians.
 *
 * The plugin's job tickers run at their default 30 s (BENCH_TICK_MS to
 * change it): they are part of what the plugin costs the process.
 *
 * Env: BENCH_SECONDS (30), BENCH_PAIRS (4), BENCH_CONCURRENCY (10),
 * BENCH_WARMUP_SECONDS (5), BENCH_SETTLE_MS (1500), BENCH_TICK_MS (30000).
 */

const SECONDS = positiveInt("BENCH_SECONDS", 30)
const PAIRS = positiveInt("BENCH_PAIRS", 4)
const CONCURRENCY = positiveInt("BENCH_CONCURRENCY", 10)
const WARMUP_SECONDS = positiveInt("BENCH_WARMUP_SECONDS", 5)
const SETTLE_MS = positiveInt("BENCH_SETTLE_MS", 1500)
const TICK_MS = positiveInt("BENCH_TICK_MS", 30_000)
const ITEMS_PER_CART = 5
const OUT_FILE = path.join(ROOT, "bench", "out", "storefront-overhead.md")
const log = logger("storefront-overhead")

type Shop = { regionId: string; token: string; variantIds: string[] }
type Side = "without" | "with"
type Op = "create-cart" | "add-to-cart"
type Measure = {
  rps: number
  cpuPerReq: number
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
 * The shop without the plugin: the development config's modules minus the
 * plugin's, in a temporary directory (no `src/`, so no plugin subscriber,
 * job or route) whose node_modules is this repository's.
 */
async function bareShopDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "autopilot-bare-shop-"))
  await symlink(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"))
  await writeFile(
    path.join(dir, "package.json"),
    JSON.stringify({
      name: "bare-shop",
      private: true,
      dependencies: { "@medusajs/medusa": "*" },
    })
  )
  await writeFile(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { module: "Node16", target: "ES2021" } })
  )
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

/** Runs `next` with CONCURRENCY in flight for `seconds`; counts answers. */
async function load(
  seconds: number,
  next: (worker: number) => Promise<Response>
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
            await res.arrayBuffer()
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

/** One session: a fresh server, warmed up, both operations measured. */
async function session(
  server: MedusaServer,
  shop: Shop
): Promise<Record<Op, Measure>> {
  await server.start()
  try {
    const api = client(server, shop)
    // warm-up (unmeasured): both paths, and the add rate the pool is sized from
    await load(WARMUP_SECONDS, () => api.createCart())
    const warmPool = await api.newCarts(CONCURRENCY * 4)
    const warm = await load(WARMUP_SECONDS, api.adder(warmPool))
    const addRate = warm.ok / warm.elapsed
    await sleep(SETTLE_MS)

    const measure = async (
      run: () => ReturnType<typeof load>
    ): Promise<Measure> => {
      const cpu0 = server.cpuMs()
      const r = await run()
      await sleep(SETTLE_MS)
      const cpu = server.cpuMs() - cpu0
      if (r.errors > r.ok / 100) {
        throw new Error(
          `${server.name}: ${r.errors} errors for ${r.ok} answers (${r.lastError})`
        )
      }
      return {
        rps: r.ok / r.elapsed,
        cpuPerReq: cpu / r.ok,
        requests: r.ok,
        errors: r.errors,
      }
    }
    const create = await measure(() => load(SECONDS, () => api.createCart()))
    const pool = await api.newCarts(
      Math.ceil((addRate * SECONDS * 1.5) / ITEMS_PER_CART) + CONCURRENCY
    )
    await sleep(SETTLE_MS)
    const add = await measure(() => load(SECONDS, api.adder(pool)))
    return { "create-cart": create, "add-to-cart": add }
  } finally {
    await server.stop()
  }
}

export default async function storefrontOverhead({ container }: ExecArgs) {
  if (!hasProc()) throw new Error("this bench reads /proc: Linux only")
  const startedAt = new Date()
  log(`seeding the shop`)
  const shop = await seed(container)
  const bare = await bareShopDir()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MEDUSA_WORKER_MODE: "shared",
    MEDUSA_ADMIN_DISABLED: "true",
    AUTOPILOT_TICK_MS: String(TICK_MS),
    LOG_LEVEL: "error",
  }
  const servers: Record<Side, MedusaServer> = {
    without: new MedusaServer("without the plugin", bare, env),
    with: new MedusaServer("with the plugin", ROOT, env),
  }
  const results: Record<Side, Record<Op, Measure>>[] = []
  try {
    for (let pair = 0; pair < PAIRS; pair++) {
      const order: Side[] = pair % 2 ? ["with", "without"] : ["without", "with"]
      const got = {} as Record<Side, Record<Op, Measure>>
      for (const side of order) {
        log(
          `pair ${pair + 1}/${PAIRS}: ${servers[side].name}, ${SECONDS} s per operation`
        )
        got[side] = await session(servers[side], shop)
      }
      results.push(got)
      for (const op of ["create-cart", "add-to-cart"] as Op[]) {
        const a = got.without[op]
        const b = got.with[op]
        log(
          `pair ${pair + 1} ${op}: ${b.rps.toFixed(1)} req/s with vs ${a.rps.toFixed(1)} without ` +
            `(${(b.rps / a.rps).toFixed(3)}×); CPU ${b.cpuPerReq.toFixed(2)} ms/req with vs ` +
            `${a.cpuPerReq.toFixed(2)} without (${(b.cpuPerReq / a.cpuPerReq).toFixed(3)}×)`
        )
      }
    }
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()))
    await rm(bare, { recursive: true, force: true })
  }

  const lines = [
    `## storefront-overhead`,
    "",
    `${startedAt.toISOString()}; PostgreSQL ${await postgresVersion(container)}; ` +
      `${PAIRS} pairs, ${CONCURRENCY} concurrent requests for ${SECONDS} s per run, ` +
      `shared worker mode, job ticks every ${TICK_MS / 1000} s; load average ` +
      `${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} at the end`,
    "",
    "| pair | operation | req/s without | req/s with | throughput ratio | CPU ms/req without | CPU ms/req with | CPU ratio |",
    "| ---: | --------- | ------------: | ---------: | ---------------: | -----------------: | --------------: | --------: |",
  ]
  const summary: string[] = []
  for (const op of ["create-cart", "add-to-cart"] as Op[]) {
    const tput: number[] = []
    const cpu: number[] = []
    results.forEach((r, i) => {
      const a = r.without[op]
      const b = r.with[op]
      tput.push(b.rps / a.rps)
      cpu.push(b.cpuPerReq / a.cpuPerReq)
      lines.push(
        `| ${i + 1} | ${op} | ${a.rps.toFixed(1)} | ${b.rps.toFixed(1)} | ${(b.rps / a.rps).toFixed(3)} | ` +
          `${a.cpuPerReq.toFixed(2)} | ${b.cpuPerReq.toFixed(2)} | ${(b.cpuPerReq / a.cpuPerReq).toFixed(3)} |`
      )
    })
    const t = median(tput)
    const c = median(cpu)
    const rpsWithout = median(results.map((r) => r.without[op].rps))
    const cpuWithout = median(results.map((r) => r.without[op].cpuPerReq))
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
