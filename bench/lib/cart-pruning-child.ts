import v8 from "node:v8"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { executeRun } from "../../src/runtime/runner"
import { autopilotService, ensureJobSettings } from "../../src/runtime/settings"
import { checkSeededCarts, seededCartId } from "./seed-carts"

/**
 * One measurement of `bench/cart-pruning.ts`, in its own Medusa process on
 * its own copy of the seeded database (`DATABASE_URL`). MODE:
 * - `prepare`: creates the region and sales channel the seeded carts use;
 * - `verify`: reads seeded carts back through the cart module (shape check);
 * - `job`: runs the `cart-pruning` job through the runtime until nothing is
 *   left or a run stops on its time budget (options from AUTOPILOT_OPTIONS);
 * - `raw`: deletes the same carts with raw SQL in batches of 5,000 (the
 *   ceiling): carts (children go by ON DELETE CASCADE), then their addresses;
 * - `recipe`: deletes cart by cart through the module (`deleteCarts([id])`),
 *   as a shop's own cleanup script would, for BENCH_SECONDS;
 * - `idle`: runs the job twice on carts that are all too young.
 * Prints one `BENCH_RESULT {json}` line.
 */

const TABLES = [
  "cart",
  "cart_line_item",
  "cart_line_item_adjustment",
  "cart_line_item_tax_line",
  "cart_shipping_method",
  "cart_shipping_method_adjustment",
  "cart_shipping_method_tax_line",
  "cart_address",
  "credit_line",
  "cart_payment_collection",
  "cart_promotion",
]

type Result = Record<string, unknown>

function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024
}

/**
 * Samples RSS (and the V8 heap in use) every 20 ms while `work` runs. The
 * heap limit is reported too: V8 lets the heap grow to a multiple of what
 * is live before a full collection, and that multiple depends on the limit.
 */
async function measured<T>(work: () => Promise<T>) {
  const startRss = rssMb()
  let peak = startRss
  let heapPeak = 0
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb())
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
  }, 20)
  const t0 = performance.now()
  try {
    const value = await work()
    return {
      value,
      seconds: (performance.now() - t0) / 1000,
      startRssMb: Math.round(startRss),
      peakRssMb: Math.round(Math.max(peak, rssMb())),
      peakHeapUsedMb: Math.round(heapPeak / 1024 / 1024),
      heapLimitMb: Math.round(
        v8.getHeapStatistics().heap_size_limit / 1024 / 1024
      ),
    }
  } finally {
    clearInterval(timer)
  }
}

/**
 * BENCH_HEAP_PROFILE=<file>: a sampling heap profile of the objects that
 * outlived the young generation (kept or collected by a full collection,
 * not those a scavenge freed), summed by allocating function — what makes
 * the old generation grow. With BENCH_HEAP_ALL=1: every allocation, those
 * a scavenge freed included (where the allocation rate comes from).
 */
async function promotedProfile(): Promise<() => Promise<void>> {
  const file = process.env.BENCH_HEAP_PROFILE
  if (!file) return async () => {}
  const inspector = await import("node:inspector/promises")
  const { writeFile } = await import("node:fs/promises")
  const session = new inspector.Session()
  session.connect()
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 16384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: process.env.BENCH_HEAP_ALL === "1",
  } as never)
  return async () => {
    const { profile } = (await session.post("HeapProfiler.stopSampling")) as {
      profile: { head: ProfileNode }
    }
    const bySite = new Map<string, number>()
    const byStack = new Map<string, number>()
    // The plugin's own call an allocation came from (innermost frame in
    // src/, carried down the walk) and the package that allocated it.
    const byCall = new Map<string, number>()
    const isPlugin = (url: string) =>
      url.includes("/src/") && !url.includes("node_modules/")
    const pkg = (url: string) =>
      url.includes("node_modules/")
        ? url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, "$1")
        : isPlugin(url)
          ? "plugin"
          : "node"
    const walk = (n: ProfileNode, stack: string[], own: string) => {
      const f = n.callFrame
      const site = `${f.functionName || "(anon)"} ${f.url.replace(/.*node_modules\//, "")}:${f.lineNumber + 1}`
      const here = [...stack, site]
      const ownHere = isPlugin(f.url)
        ? `${f.functionName || "(anon)"} ${f.url.replace(/.*\/src\//, "src/")}:${f.lineNumber + 1}`
        : own
      if (n.selfSize) {
        bySite.set(site, (bySite.get(site) ?? 0) + n.selfSize)
        const key = here
          .filter((f) => !/CriteriaNode|:0$/.test(f))
          .slice(-14)
          .reverse()
          .join("\n    ")
        byStack.set(key, (byStack.get(key) ?? 0) + n.selfSize)
        const call = `${ownHere}  <- ${pkg(f.url)}`
        byCall.set(call, (byCall.get(call) ?? 0) + n.selfSize)
      }
      n.children.forEach((c) => walk(c, here, ownHere))
    }
    walk(profile.head, [], "(outside the plugin)")
    const total = [...bySite.values()].reduce((a, b) => a + b, 0)
    const top = (m: Map<string, number>, k: number) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([s, b]) => `${(b / 1048576).toFixed(1)} MB  ${s}`)
        .join("\n")
    await writeFile(
      file,
      `# total ${(total / 1048576).toFixed(1)} MB\n\n# by plugin call and allocating package\n${top(byCall, 40)}\n\n# by site\n${top(bySite, 60)}\n\n# by stack\n${top(byStack, 40)}\n`
    )
    session.disconnect()
  }
}

type ProfileNode = {
  callFrame: { functionName: string; url: string; lineNumber: number }
  selfSize: number
  children: ProfileNode[]
}

function knex(container: MedusaContainer) {
  return container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
}

async function count(container: MedusaContainer, table: string) {
  const { rows } = await knex(container).raw(
    `select count(*)::int as n from "${table}"`
  )
  return Number(rows[0].n)
}

async function leftovers(container: MedusaContainer) {
  const out: Record<string, number> = {}
  for (const t of TABLES) out[t] = await count(container, t)
  return out
}

async function runJobOnce(container: MedusaContainer) {
  const service = autopilotService(container)
  const run = await service.createJobRuns({
    job_name: "cart-pruning",
    trigger: "manual",
    dry_run: false,
    status: "queued",
  })
  await executeRun(container, run.id)
  return service.retrieveJobRun(run.id)
}

async function job(container: MedusaContainer): Promise<Result> {
  await ensureJobSettings(container)
  const before = await count(container, "cart")
  const runs: { status: string; stopped_early: boolean }[] = []
  const stopProfile = await promotedProfile()
  // Where the job starts in the output (BENCH_TRACE_GC reads V8's lines after it).
  console.log("BENCH_JOB_START")
  const m = await measured(async () => {
    for (let i = 0; i < 50; i++) {
      const run = await runJobOnce(container)
      const stopped = !!(run.summary as { stopped_early?: boolean } | null)
        ?.stopped_early
      runs.push({ status: run.status, stopped_early: stopped })
      if (run.status !== "succeeded") {
        throw new Error(`cart-pruning run failed: ${run.error}`)
      }
      // One run unless it was told to stop early and go on (BENCH_ONE_RUN).
      if (!stopped || process.env.BENCH_ONE_RUN) break
    }
  })
  await stopProfile()
  const after = await count(container, "cart")
  const { rows } = await knex(container).raw(
    `select count(*)::int as n from autopilot_cart_lead where status = 'archived'`
  )
  // One archived lead, to see that the snapshot holds the cart's items.
  const { rows: sample } = await knex(container).raw(
    `select jsonb_array_length(items)::int as items, total::float8 as total
       from autopilot_cart_lead where status = 'archived' limit 1`
  )
  return {
    deleted: before - after,
    runs: runs.length,
    stopped_early: runs.some((r) => r.stopped_early),
    leads_archived: Number(rows[0].n),
    lead_sample: sample[0] ?? null,
    seconds: m.seconds,
    startRssMb: m.startRssMb,
    peakRssMb: m.peakRssMb,
    peakHeapUsedMb: m.peakHeapUsedMb,
    heapLimitMb: m.heapLimitMb,
    leftovers: await leftovers(container),
  }
}

async function raw(container: MedusaContainer): Promise<Result> {
  const db = knex(container)
  const before = await count(container, "cart")
  const m = await measured(async () => {
    let after = ""
    for (;;) {
      const { rows } = await db.raw(
        `select id from cart where id > ? and id like 'cart_BENCH%' order by id limit 5000`,
        [after]
      )
      const ids = (rows as { id: string }[]).map((r) => r.id)
      if (!ids.length) break
      await db.transaction(async (trx) => {
        const { rows: gone } = await trx.raw(
          `delete from cart where id = any(?) returning shipping_address_id, billing_address_id`,
          [ids]
        )
        const addresses = (
          gone as {
            shipping_address_id: string | null
            billing_address_id: string | null
          }[]
        )
          .flatMap((g) => [g.shipping_address_id, g.billing_address_id])
          .filter((a): a is string => !!a)
        await trx.raw(`delete from cart_address where id = any(?)`, [addresses])
      })
      after = ids[ids.length - 1]
    }
  })
  return {
    deleted: before - (await count(container, "cart")),
    seconds: m.seconds,
    startRssMb: m.startRssMb,
    peakRssMb: m.peakRssMb,
    peakHeapUsedMb: m.peakHeapUsedMb,
    heapLimitMb: m.heapLimitMb,
    leftovers: await leftovers(container),
  }
}

async function recipe(container: MedusaContainer): Promise<Result> {
  const cart = container.resolve(Modules.CART)
  const seconds = Number(process.env.BENCH_SECONDS || 60)
  const cutoff = new Date(Date.now() - 30 * 86_400_000)
  let deleted = 0
  const m = await measured(async () => {
    const end = performance.now() + seconds * 1000
    while (performance.now() < end) {
      // What a cleanup script written against the module would do: list
      // old carts (the table has no index on updated_at), delete each.
      const page = await cart.listCarts(
        { updated_at: { $lt: cutoff }, completed_at: null } as never,
        { select: ["id"], take: 100, order: { id: "ASC" } }
      )
      if (!page.length) break
      for (const c of page) {
        await cart.deleteCarts([c.id])
        deleted += 1
        if (performance.now() >= end) break
      }
    }
  })
  const { rows } = await knex(container).raw(
    `select count(*)::int as n from cart_address a where not exists (select 1 from cart c where c.shipping_address_id = a.id)`
  )
  return {
    deleted,
    seconds: m.seconds,
    startRssMb: m.startRssMb,
    peakRssMb: m.peakRssMb,
    peakHeapUsedMb: m.peakHeapUsedMb,
    heapLimitMb: m.heapLimitMb,
    orphaned_addresses: Number(rows[0].n),
  }
}

async function idle(container: MedusaContainer): Promise<Result> {
  await ensureJobSettings(container)
  const first = await measured(() => runJobOnce(container))
  const second = await measured(() => runJobOnce(container))
  return {
    carts: await count(container, "cart"),
    first_seconds: first.seconds,
    first_status: first.value.status,
    first_actions: Object.keys(
      (first.value.summary as { actions?: object } | null)?.actions ?? {}
    ),
    second_seconds: second.seconds,
    second_status: second.value.status,
    second_actions: Object.keys(
      (second.value.summary as { actions?: object } | null)?.actions ?? {}
    ),
    peakRssMb: Math.max(first.peakRssMb, second.peakRssMb),
    startRssMb: first.startRssMb,
  }
}

async function prepare(container: MedusaContainer): Promise<Result> {
  const [region] = await container
    .resolve(Modules.REGION)
    .createRegions([{ name: "Bench", currency_code: "eur", countries: ["de"] }])
  const [channel] = await container
    .resolve(Modules.SALES_CHANNEL)
    .createSalesChannels([{ name: "Bench channel" }])
  return { regionId: region.id, salesChannelId: channel.id }
}

export default async function child({ container }: ExecArgs) {
  const mode = process.env.BENCH_MODE
  let result: Result
  if (mode === "prepare") result = await prepare(container)
  else if (mode === "verify") {
    const n = Number(process.env.BENCH_CARTS_SEEDED || 1)
    const sample = [0, Math.floor(n / 2), n - 1].map(seededCartId)
    result = {
      shape: await checkSeededCarts(container, {
        regionId: process.env.BENCH_REGION_ID!,
        salesChannelId: process.env.BENCH_SALES_CHANNEL_ID!,
        sample,
      }),
    }
  } else if (mode === "job") result = await job(container)
  else if (mode === "raw") result = await raw(container)
  else if (mode === "recipe") result = await recipe(container)
  else if (mode === "idle") result = await idle(container)
  else throw new Error(`unknown BENCH_MODE ${mode}`)
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`)
}
