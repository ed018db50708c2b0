import { mkdir, writeFile } from "node:fs/promises"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  getVariantAvailability,
  Modules,
  ProductStatus,
} from "@medusajs/framework/utils"
import {
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createSalesChannelsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateInventoryLevelsWorkflow,
} from "@medusajs/medusa/core-flows"
import { executeRun } from "../src/runtime/runner"
import { autopilotService, ensureJobSettings } from "../src/runtime/settings"
import { queueRestockCheck } from "../src/features/restock-alerts/queue"
import {
  chunks,
  logger,
  positiveInt,
  postgresVersion,
  rssSampler,
  secondsSince as seconds,
} from "./lib/common"

/**
 * Benchmark: back-in-stock alerts for a large restock.
 *
 * Seeds VARIANTS sold-out variants (10 per product) in one sales channel and
 * SUBSCRIPTIONS waiting shoppers spread evenly over them, then restocks every
 * variant to 100 units and times two ways of alerting everyone:
 *
 * - plugin: the `restock-alerts` job as it runs in a shop (queue, runs until
 *   the queue is empty; waves, tokens, idempotency keys, retry bookkeeping);
 * - baseline: the algorithm of Medusa's restock recipe — one availability
 *   check per distinct (variant, channel), one `createNotifications` call per
 *   subscription — implemented here.
 *
 * Each path's time starts with the stock update and ends when all its
 * notifications exist in the Notification module. Run it through
 * `npm run bench` (fresh database) or on a freshly migrated database with
 * `npx medusa exec ./bench/restock-alerts.ts`.
 *
 * Then a third path: every subscription waits again (a new cycle, so new
 * idempotency keys), the provider is made to take BENCH_SLOW_MS (50 ms)
 * per send, and the plugin alerts everyone again. One send after the
 * other would take at least SUBSCRIPTIONS × BENCH_SLOW_MS (the floor
 * printed beside it); the Notification module sends a batch at once, so
 * the provider's latency is hidden. The recipe is not run against the
 * slow provider: it sends one at a time, so the floor is its best case.
 *
 * Env: BENCH_VARIANTS (1000), BENCH_SUBSCRIPTIONS (20000), BENCH_SLOW_MS
 * (50; 0 skips the slow path).
 */

const VARIANTS = positiveInt("BENCH_VARIANTS", 1000)
const SUBSCRIPTIONS = positiveInt("BENCH_SUBSCRIPTIONS", 20_000)
const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 50)
const VARIANTS_PER_PRODUCT = 10
const PRODUCTS_PER_CALL = 50
const SUBSCRIPTIONS_PER_CALL = 1000
const LEVELS_PER_CALL = 500
const RESTOCKED_TO = 100
const PLUGIN_TEMPLATE = "autopilot.restock.available"
const BASELINE_TEMPLATE = "bench.baseline"
/** A safety stop: with 100 units and wave_factor 3 one run should do. */
const MAX_RUNS = 50
const log = logger("restock-alerts")
const OUT_FILE = path.join(process.cwd(), "bench", "out", "restock-alerts.md")

type Shop = {
  salesChannelId: string
  locationId: string
  variantIds: string[]
  inventoryItemIds: string[]
}

type PathResult = {
  path: string
  notifications: number
  seconds: number
  peakRssMb: number
  startRssMb: number
  phases: [string, number][]
}

async function seedShop(container: MedusaContainer): Promise<Shop> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const fulfillment = container.resolve(Modules.FULFILLMENT)

  const {
    result: [channel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Bench channel" }] },
  })
  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Bench warehouse" }] },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [channel.id] },
  })
  const [existing] = await fulfillment.listShippingProfiles({ type: "default" })
  const profile =
    existing ??
    (
      await createShippingProfilesWorkflow(container).run({
        input: { data: [{ name: "Default", type: "default" }] },
      })
    ).result[0]

  const productCount = Math.ceil(VARIANTS / VARIANTS_PER_PRODUCT)
  const products = Array.from({ length: productCount }, (_, p) => {
    const sizes = Math.min(
      VARIANTS_PER_PRODUCT,
      VARIANTS - p * VARIANTS_PER_PRODUCT
    )
    const values = Array.from({ length: sizes }, (_, v) => `S${v + 1}`)
    return {
      title: `Bench product ${p + 1}`,
      handle: `bench-product-${p + 1}`,
      status: ProductStatus.PUBLISHED,
      shipping_profile_id: profile.id,
      sales_channels: [{ id: channel.id }],
      options: [{ title: "Size", values }],
      variants: values.map((value) => ({
        title: value,
        sku: `BENCH-${p + 1}-${value}`,
        options: { Size: value },
        manage_inventory: true,
        allow_backorder: false,
        prices: [{ currency_code: "eur", amount: 20 }],
      })),
    }
  })
  const variantIds: string[] = []
  for (const batch of chunks(products, PRODUCTS_PER_CALL)) {
    const { result } = await createProductsWorkflow(container).run({
      input: { products: batch },
    })
    for (const product of result) {
      variantIds.push(...(product.variants ?? []).map((v) => v.id))
    }
  }

  const inventoryItemIds: string[] = []
  for (const ids of chunks(variantIds, 500)) {
    const { data } = await query.graph({
      entity: "product_variant",
      fields: ["id", "inventory_items.inventory_item_id"],
      filters: { id: ids },
    })
    const byVariant = new Map(
      (
        data as {
          id: string
          inventory_items: { inventory_item_id: string }[]
        }[]
      ).map((v) => [v.id, v.inventory_items[0]?.inventory_item_id])
    )
    for (const id of ids) {
      const item = byVariant.get(id)
      if (!item) throw new Error(`variant ${id} has no inventory item`)
      inventoryItemIds.push(item)
    }
  }
  for (const items of chunks(inventoryItemIds, LEVELS_PER_CALL)) {
    await createInventoryLevelsWorkflow(container).run({
      input: {
        inventory_levels: items.map((inventory_item_id) => ({
          inventory_item_id,
          location_id: location.id,
          stocked_quantity: 0,
        })),
      },
    })
  }
  return {
    salesChannelId: channel.id,
    locationId: location.id,
    variantIds,
    inventoryItemIds,
  }
}

/** Subscription i waits for variant i mod VARIANTS, oldest first. */
async function seedSubscriptions(
  container: MedusaContainer,
  shop: Shop
): Promise<void> {
  const service = autopilotService(container)
  const since = Date.now() - 86_400_000
  const rows = Array.from({ length: SUBSCRIPTIONS }, (_, i) => ({
    variant_id: shop.variantIds[i % shop.variantIds.length],
    sales_channel_id: shop.salesChannelId,
    email: `shopper${i + 1}@bench.example.com`,
    status: "active" as const,
    active_since: new Date(since + i),
  }))
  for (const batch of chunks(rows, SUBSCRIPTIONS_PER_CALL)) {
    await service.createRestockSubscriptions(batch)
  }
}

async function setStock(
  container: MedusaContainer,
  shop: Shop,
  stocked: number
): Promise<void> {
  await updateInventoryLevelsWorkflow(container).run({
    input: {
      updates: shop.inventoryItemIds.map((inventory_item_id) => ({
        inventory_item_id,
        location_id: shop.locationId,
        stocked_quantity: stocked,
      })),
    },
  })
}

async function countNotifications(
  container: MedusaContainer,
  template: string
): Promise<number> {
  const [, count] = await container
    .resolve(Modules.NOTIFICATION)
    .listAndCountNotifications({ template }, { take: 1, select: ["id"] })
  return count
}

/** Waits (up to 60 s) until `expected` notifications with the template exist. */
async function waitForNotifications(
  container: MedusaContainer,
  template: string,
  expected: number
): Promise<number> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const count = await countNotifications(container, template)
    if (count >= expected) return count
    if (Date.now() > deadline) {
      throw new Error(
        `only ${count} of ${expected} "${template}" notifications exist`
      )
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** One run of the job as "Run now" starts it; returns the finished run. */
async function runRestockAlerts(container: MedusaContainer) {
  const service = autopilotService(container)
  const run = await service.createJobRuns({
    job_name: "restock-alerts",
    trigger: "manual",
    dry_run: false,
    status: "queued",
  })
  await executeRun(container, run.id)
  const done = await service.retrieveJobRun(run.id)
  if (done.status !== "succeeded") {
    throw new Error(
      `restock-alerts run ${run.id} ended ${done.status}: ${done.error ?? ""}`
    )
  }
  return done
}

/**
 * The job's biggest batch (1000 variants per batch), stored as an admin
 * override. The time budget (10 minutes per run) does not limit it here:
 * the bench runs the job until the queue is empty.
 */
async function configureJob(container: MedusaContainer): Promise<void> {
  const rows = await ensureJobSettings(container)
  const row = rows.get("restock-alerts")!
  await autopilotService(container).updateJobSettings({
    id: row.id,
    options: { batch_size: 1000 },
  })
}

async function pluginPath(
  container: MedusaContainer,
  shop: Shop,
  { label = "plugin (`restock-alerts` job)", before = 0 } = {}
): Promise<PathResult> {
  const service = autopilotService(container)
  const rss = rssSampler()
  rss.start()
  const t0 = performance.now()
  await setStock(container, shop, RESTOCKED_TO)
  const stock = seconds(t0)

  let t = performance.now()
  await queueRestockCheck(container, shop.variantIds, "bench")
  const queue = seconds(t)

  t = performance.now()
  let runs = 0
  for (;;) {
    const [, queued] = await service.listAndCountRestockQueues(
      {},
      { take: 1, select: ["id"] }
    )
    if (!queued) break
    if (runs >= MAX_RUNS) {
      throw new Error(`${queued} variants still queued after ${runs} runs`)
    }
    const run = await runRestockAlerts(container)
    runs += 1
    const c = run.counters as Record<string, number>
    const ms =
      new Date(run.finished_at!).getTime() - new Date(run.started_at!).getTime()
    log(
      `  run ${runs}: ${(ms / 1000).toFixed(1)} s, ` +
        `scanned ${c.scanned}, changed ${c.changed}, skipped ${c.skipped}, failed ${c.failed}`
    )
  }
  const jobRuns = seconds(t)

  t = performance.now()
  const notifications =
    (await waitForNotifications(
      container,
      PLUGIN_TEMPLATE,
      before + SUBSCRIPTIONS
    )) - before
  const settle = seconds(t)
  const total = seconds(t0)
  return {
    path: label,
    notifications,
    seconds: total,
    peakRssMb: rss.stopMb(),
    startRssMb: rss.startMb(),
    phases: [
      ["stock update (updateInventoryLevelsWorkflow)", stock],
      ["queueRestockCheck", queue],
      [`job runs (${runs})`, jobRuns],
      ["final count", settle],
    ],
  }
}

async function baselinePath(
  container: MedusaContainer,
  shop: Shop
): Promise<PathResult> {
  const service = autopilotService(container)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const notificationModule = container.resolve(Modules.NOTIFICATION)
  const rss = rssSampler()
  rss.start()
  const t0 = performance.now()
  await setStock(container, shop, RESTOCKED_TO)
  const stock = seconds(t0)

  // Every subscriber, grouped by distinct (variant, channel).
  let t = performance.now()
  const tuples = await service.listRestockSubscriptions(
    {},
    { select: ["variant_id", "sales_channel_id", "email"], take: null }
  )
  const pairs = new Map<
    string,
    { variant_id: string; sales_channel_id: string; emails: string[] }
  >()
  for (const row of tuples) {
    const key = `${row.variant_id}|${row.sales_channel_id}`
    const pair = pairs.get(key) ?? {
      variant_id: row.variant_id,
      sales_channel_id: row.sales_channel_id,
      emails: [],
    }
    pair.emails.push(row.email)
    pairs.set(key, pair)
  }
  const read = seconds(t)

  // One availability check per pair, then one send per subscriber.
  let checking = 0
  let sending = 0
  for (const pair of pairs.values()) {
    t = performance.now()
    const availability = await getVariantAvailability(query, {
      variant_ids: [pair.variant_id],
      sales_channel_id: pair.sales_channel_id,
    })
    checking += seconds(t)
    if (!(Number(availability[pair.variant_id]?.availability ?? 0) > 0)) {
      continue
    }
    t = performance.now()
    for (const email of pair.emails) {
      await notificationModule.createNotifications({
        to: email,
        channel: "email",
        template: BASELINE_TEMPLATE,
        data: { variant_id: pair.variant_id },
      })
    }
    sending += seconds(t)
  }

  t = performance.now()
  const notifications = await waitForNotifications(
    container,
    BASELINE_TEMPLATE,
    SUBSCRIPTIONS
  )
  const settle = seconds(t)
  const total = seconds(t0)
  return {
    path: "baseline (restock recipe's algorithm)",
    notifications,
    seconds: total,
    peakRssMb: rss.stopMb(),
    startRssMb: rss.startMb(),
    phases: [
      ["stock update (updateInventoryLevelsWorkflow)", stock],
      [`read ${tuples.length} subscriptions, ${pairs.size} pairs`, read],
      [`getVariantAvailability × ${pairs.size}`, checking],
      [`createNotifications × ${SUBSCRIPTIONS}`, sending],
      ["final count", settle],
    ],
  }
}

/**
 * Makes the shop's notification provider take `ms` per send: wraps the
 * registered provider's `send` (the bench's stand-in for a slow email
 * service; nothing of the plugin changes). Returns the measured time of
 * one send through the module, to show the wrap took.
 */
async function slowProvider(
  container: MedusaContainer,
  ms: number
): Promise<number> {
  const module = container.resolve(Modules.NOTIFICATION) as unknown as {
    notificationProviderService_: {
      getProviderForChannels(channel: string): Promise<{ id: string }>
      retrieveProviderRegistration(id: string): {
        send: (n: unknown) => Promise<unknown>
      }
    }
  }
  const providers = module.notificationProviderService_
  const provider = await providers.getProviderForChannels("email")
  const handler = providers.retrieveProviderRegistration(provider.id)
  const send = handler.send.bind(handler)
  handler.send = async (n: unknown) => {
    await new Promise((r) => setTimeout(r, ms))
    return send(n)
  }
  const t = performance.now()
  await container.resolve(Modules.NOTIFICATION).createNotifications({
    to: "probe@bench.example.com",
    channel: "email",
    template: "bench.probe",
    data: {},
  })
  return performance.now() - t
}

/**
 * Every subscription waits again, in a new cycle (new `active_since`, so
 * new alert keys), and the stock is sold out again: the data of the
 * first path, ready for another restock. The plugin's own table, in SQL.
 */
async function waitAgain(container: MedusaContainer, shop: Shop) {
  await setStock(container, shop, 0)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as {
    raw: (sql: string, bindings?: unknown[]) => Promise<unknown>
  }
  await pg.raw(
    `update autopilot_restock_subscription
        set status = 'active', notified_at = null, wave_id = null,
            active_since = active_since + interval '1 hour'
      where deleted_at is null`
  )
}

const rate = (r: PathResult) => r.notifications / r.seconds

function table(results: PathResult[]): string {
  return [
    "| path | notifications | seconds | notifications/s | peak RSS MB |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| ${r.path} | ${r.notifications} | ${r.seconds.toFixed(1)} | ` +
        `${(r.notifications / r.seconds).toFixed(0)} | ${r.peakRssMb.toFixed(0)} |`
    ),
  ].join("\n")
}

export default async function restockAlertsBench({ container }: ExecArgs) {
  const started = performance.now()
  const loadAtStart = os.loadavg()[0]
  log(
    `seeding ${VARIANTS} sold-out variants and ${SUBSCRIPTIONS} active subscriptions`
  )
  let t = performance.now()
  const shop = await seedShop(container)
  const seedCatalog = seconds(t)
  t = performance.now()
  await seedSubscriptions(container, shop)
  const seedSubs = seconds(t)
  log(
    `seeded in ${(seedCatalog + seedSubs).toFixed(1)} s ` +
      `(catalog ${seedCatalog.toFixed(1)} s, subscriptions ${seedSubs.toFixed(1)} s)`
  )

  // A live shop's tables have planner statistics; freshly seeded ones have
  // none until autovacuum gets to them (up to a minute later), and whether
  // it had by the timed paths moved the plugin's job run from 10 s to 15 s
  // between two runs. Both paths run on analyzed tables.
  t = performance.now()
  await container
    .resolve(ContainerRegistrationKeys.PG_CONNECTION)
    .raw("analyze")
  log(`analyze: ${seconds(t).toFixed(1)} s`)

  await configureJob(container)
  // A run before the restock, as in a live shop: it does the daily sweep
  // (queues every waiting variant), finds nothing available and empties
  // the queue, so the timed runs below do only the restock.
  t = performance.now()
  await runRestockAlerts(container)
  log(`warm-up run (sweep, nothing available): ${seconds(t).toFixed(1)} s`)

  log(`plugin path: restock to ${RESTOCKED_TO}, queue, run the job`)
  const plugin = await pluginPath(container, shop)
  log(`plugin path: ${plugin.seconds.toFixed(1)} s`)

  await setStock(container, shop, 0)
  log(`baseline path: restock to ${RESTOCKED_TO}, recipe algorithm`)
  const baseline = await baselinePath(container, shop)
  log(`baseline path: ${baseline.seconds.toFixed(1)} s`)

  let slow: (PathResult & { probeMs: number; floor: number }) | null = null
  if (SLOW_MS > 0) {
    await waitAgain(container, shop)
    const probeMs = await slowProvider(container, SLOW_MS)
    log(
      `slow path: the provider takes ${SLOW_MS} ms per send ` +
        `(one send through the module: ${probeMs.toFixed(0)} ms); restock, run the job`
    )
    const result = await pluginPath(container, shop, {
      label: `plugin, provider taking ${SLOW_MS} ms per send`,
      before: SUBSCRIPTIONS,
    })
    slow = { ...result, probeMs, floor: (SUBSCRIPTIONS * SLOW_MS) / 1000 }
    log(`slow path: ${slow.seconds.toFixed(1)} s`)
  }

  const results = [plugin, baseline, ...(slow ? [slow] : [])]
  const ratio = rate(plugin) / rate(baseline)
  const verdict = [
    `plugin ${rate(plugin).toFixed(0)} notifications/s beside the recipe's ` +
      `${rate(baseline).toFixed(0)}/s on the same data in the same run: ` +
      `${ratio.toFixed(1)}× (target ≥ 5×, goal 10×); peak RSS ` +
      `${plugin.peakRssMb.toFixed(0)} MB beside ${baseline.peakRssMb.toFixed(0)} MB.`,
    ...(slow
      ? [
          `With a provider taking ${SLOW_MS} ms per send: ` +
            `${slow.seconds.toFixed(1)} s (${rate(slow).toFixed(0)}/s) beside ` +
            `${slow.floor.toFixed(1)} s for ${SUBSCRIPTIONS} sends one after ` +
            `the other (the recipe's best case): ` +
            `${(slow.floor / slow.seconds).toFixed(1)}× faster than sequential; ` +
            `${(slow.seconds / plugin.seconds).toFixed(2)}× the plugin's own ` +
            `time with the instant provider.`,
        ]
      : []),
  ]
  const cpus = os.cpus()
  const machine =
    `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ` +
    `${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}, ` +
    `PostgreSQL ${await postgresVersion(container)}, ${os.platform()} ${os.release()}`
  const phases = results
    .map(
      (r) =>
        `- ${r.path}: ` +
        r.phases.map(([name, s]) => `${name} ${s.toFixed(1)} s`).join("; ") +
        ` (RSS at start ${r.startRssMb.toFixed(0)} MB)`
    )
    .join("\n")
  const markdown = [
    "## restock-alerts: alerting every waiting shopper after a restock",
    "",
    `${new Date().toISOString()} — ${machine}`,
    "",
    `${VARIANTS} variants (sold out, then restocked to ${RESTOCKED_TO} units), ` +
      `${SUBSCRIPTIONS} active subscriptions in one sales channel ` +
      `(${(SUBSCRIPTIONS / VARIANTS).toFixed(0)} per variant). ` +
      `Seed: ${(seedCatalog + seedSubs).toFixed(1)} s.`,
    "",
    `Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ` +
      `${os.loadavg()[0].toFixed(2)}: anything else running on the machine ` +
      `slows both paths.`,
    "",
    table(results),
    "",
    ...verdict.flatMap((line) => [line, ""]),
    "Where the time went:",
    "",
    phases,
    "",
  ].join("\n")

  console.log(`\n${table(results)}\n\n${verdict.join("\n")}\n`)
  await mkdir(path.dirname(OUT_FILE), { recursive: true })
  await writeFile(OUT_FILE, markdown)
  log(
    `wrote ${path.relative(process.cwd(), OUT_FILE)}; ` +
      `bench took ${seconds(started).toFixed(1)} s`
  )
}
