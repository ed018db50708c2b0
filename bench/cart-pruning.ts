import { spawn } from "node:child_process"
import { mkdir, writeFile } from "node:fs/promises"
import os from "node:os"
import path from "node:path"
import { Client } from "pg"
import { CART_DELETE_INDEXES } from "../src/lib/sql/cart-indexes"
import { logger, positiveInt } from "./lib/common"
import { markBackfillDone, seedCarts } from "./lib/seed-carts"

/**
 * Benchmark: pruning abandoned carts (issues #7 and #11).
 *
 * Seeds one database with SQL in the cart module's row shape (checked by
 * reading seeded carts back through the module), in stages — 100k, then
 * 200k, then BENCH_CARTS (default 1,000,000) carts, 2 items and an address
 * each, last active 100–130 days ago, with their activity rows — and keeps
 * a template database at each stage. Every measurement then runs in its
 * own Medusa process (`bench/lib/cart-pruning-child.ts`) on a fresh copy
 * (`CREATE DATABASE … TEMPLATE …`), so all methods delete the same rows:
 *
 * - the `cart-pruning` job (indexes on), at 100k, 200k and 1M carts, with
 *   the plugin's default options, and at 1M once more with Node's heap
 *   limit at 1 GB (`--max-old-space-size=1024`);
 * - raw SQL deletes of the same carts and addresses, same indexes (ceiling);
 * - the job on the schema as Medusa ships it (plugin indexes dropped,
 *   `add_indexes: false`) for BENCH_SHIPPED_SECONDS (default 60 s);
 * - a recipe-style cleanup, cart by cart through the module, for
 *   BENCH_RECIPE_SECONDS (default 60 s);
 * - the job's idle cost on the 1M-cart database with nothing to prune.
 *
 * Run with `npm run bench -- cart-pruning` (it ignores the database that
 * runner gives it, apart from the server). BENCH_CARTS scales it down;
 * BENCH_ONLY (comma-separated keys: job1m, job1mHeap1g, raw1m, shipped1m,
 * idle, job100k, job200k, raw200k, recipe200k) picks measurements;
 * BENCH_SHORT_REPEAT (default 3) sets how often the 100,000-cart job runs
 * (median reported); BENCH_KEEP_TEMPLATES=1 keeps the seeded templates and
 * reuses them on the next run;
 * BENCH_HEAP_PROFILE=<file> (with BENCH_ONLY naming one job line) writes
 * where the objects that reached V8's old generation were allocated;
 * BENCH_TRACE_GC=1 adds how V8 grew the heap during each job line (its
 * full collections, growing factors, promotion and marking speeds).
 */

const CARTS = positiveInt("BENCH_CARTS", 1_000_000)
const SHIPPED_SECONDS = positiveInt("BENCH_SHIPPED_SECONDS", 60)
const RECIPE_SECONDS = positiveInt("BENCH_RECIPE_SECONDS", 60)
/** Unset: the job runs with the plugin's defaults (`batch_size`, `concurrency`). */
const BATCH = process.env.BENCH_BATCH_SIZE
  ? positiveInt("BENCH_BATCH_SIZE", 2000)
  : undefined
const ONLY = (process.env.BENCH_ONLY ?? "").split(",").filter(Boolean)
/**
 * Runs of the 100,000-cart job: one run is about 25 s, short enough for
 * the machine's swings to show (21.5–35.6 s for the same run on one day);
 * the median run is reported, with every run's rate.
 */
const SHORT_REPEAT = positiveInt("BENCH_SHORT_REPEAT", 3)
const KEEP = process.env.BENCH_KEEP_TEMPLATES === "1"
/**
 * Runs each job line with V8's `--trace-gc --trace-gc-verbose` and reports,
 * for the full collections during the job, the heap-growing factor V8 chose
 * and the two speeds it chose it from (see {@link heapGrowth}).
 */
const TRACE_GC = process.env.BENCH_TRACE_GC === "1"
const OUT_FILE = path.join(process.cwd(), "bench", "out", "cart-pruning.md")
const MEDUSA_CLI = path.join(
  process.cwd(),
  "node_modules",
  "@medusajs",
  "cli",
  "cli.js"
)
const SEED_DB = "apbench_carts_seed"
const log = logger("cart-pruning")

function urlFor(database: string): string {
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `/${database}`
  return url.toString()
}

async function withClient<T>(
  database: string,
  work: (c: Client) => Promise<T>
): Promise<T> {
  const client = new Client({ connectionString: urlFor(database) })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

async function admin(sql: string) {
  await withClient("postgres", (c) => c.query(sql))
}

async function copyOf(template: string, database: string) {
  await admin(`drop database if exists "${database}"`)
  await admin(`create database "${database}" template "${template}"`)
}

/** Runs the medusa CLI on `database`; resolves with its stdout. */
function medusa(
  args: string[],
  database: string,
  env: Record<string, string> = {},
  nodeFlags: string[] = []
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, MEDUSA_CLI, ...args], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        DATABASE_URL: urlFor(database),
        AUTOPILOT_TICK_MS: "3600000",
        LOG_LEVEL: "error",
        ...env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    })
    let out = ""
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString()
    })
    child.on("error", reject)
    child.on("exit", (code) =>
      code === 0
        ? resolve(out)
        : reject(
            new Error(
              `medusa ${args.join(" ")} exited ${code}:\n${out.slice(-2000)}`
            )
          )
    )
  })
}

type Measure = {
  deleted: number
  seconds: number
  startRssMb: number
  peakRssMb: number
  leftovers?: Record<string, number>
  [k: string]: unknown
}

async function child(
  mode: string,
  database: string,
  env: Record<string, string> = {}
): Promise<Measure> {
  const trace = TRACE_GC && mode === "job"
  const out = await medusa(
    ["exec", "./bench/lib/cart-pruning-child.ts"],
    database,
    {
      BENCH_MODE: mode,
      ...env,
    },
    trace ? ["--trace-gc", "--trace-gc-verbose"] : []
  )
  const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "))
  if (!line) throw new Error(`no result from ${mode}:\n${out.slice(-2000)}`)
  const result = JSON.parse(line.slice("BENCH_RESULT ".length)) as Measure
  if (trace) result.heapGrowth = heapGrowth(out)
  return result
}

type HeapGrowth = {
  /** What was live after each full collection (mark-compact) of the job, MB. */
  liveMb: number[]
  /** V8's heap-growing factor after each: next limit = live × factor. */
  factors: number[]
  /** Old-generation allocation (promotion) rate V8 measured, MB/s. */
  promotedMbS: number[]
  /** Marking speed V8 measured, MB/s. */
  markingMbS: number[]
}

/**
 * Reads V8's `--trace-gc-verbose` lines from after the child's
 * `BENCH_JOB_START`. After each full collection V8 sets the next one's
 * trigger at what is live times a factor. The factor is its maximum (4.0
 * when the heap limit is 2 GB or more, lower under a smaller limit) unless
 * marking is more than about 43 times faster than the program promotes
 * objects to the old generation (V8's target: the program runs 97 % of the
 * time), and falls towards 1.1 as that ratio grows.
 */
function heapGrowth(out: string): HeapGrowth {
  const lines = out.slice(out.indexOf("BENCH_JOB_START")).split("\n")
  const g: HeapGrowth = {
    liveMb: [],
    factors: [],
    promotedMbS: [],
    markingMbS: [],
  }
  for (const l of lines) {
    const f = l.match(
      /\[HeapController\] factor ([\d.]+) based on .*\(gc=(\d+), mutator=(\d+)\)/
    )
    if (f) {
      g.factors.push(Number(f[1]))
      // bytes per ms → MB per s
      g.markingMbS.push(Math.round(Number(f[2]) / 1000))
      g.promotedMbS.push(Math.round(Number(f[3]) / 1000))
    }
    const mc = l.match(
      /Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+)/
    )
    if (mc) g.liveMb.push(Math.round(Number(mc[1])))
  }
  return g
}

function jobOptions(options: Record<string, unknown>): Record<string, string> {
  return {
    AUTOPILOT_OPTIONS: JSON.stringify({
      jobs: {
        "cart-pruning": {
          options: { ...(BATCH ? { batch_size: BATCH } : {}), ...options },
        },
      },
    }),
  }
}

/** One measurement on a fresh copy of `template`. */
async function onCopy(
  label: string,
  template: string,
  mode: string,
  env: Record<string, string> = {},
  before?: (database: string) => Promise<void>
): Promise<Measure> {
  const database = `apbench_carts_run`
  await copyOf(template, database)
  try {
    if (before) await before(database)
    log(`${label}…`)
    const result = await child(mode, database, env)
    log(
      `${label}: ${result.deleted ?? "-"} carts in ${Number(result.seconds ?? 0).toFixed(1)} s`
    )
    return result
  } finally {
    await admin(`drop database if exists "${database}"`)
  }
}

const rate = (m: Measure) => Math.round(m.deleted / m.seconds)
const fmt = (n: number) => n.toLocaleString("en-US")
const growth = (m: Measure) => m.peakRssMb - m.startRssMb
const left = (m: Measure) =>
  m.leftovers
    ? Object.entries(m.leftovers)
        .filter(([, n]) => n)
        .map(([t, n]) => `${t} ${fmt(n)}`)
        .join(", ") || "0 in every cart table"
    : "n/a"

/** The heap-growth lines of a BENCH_TRACE_GC run (none otherwise). */
function heapGrowthLines(r: Record<string, Measure | undefined>): string[] {
  const span = (xs: number[], show = fmt) =>
    xs.length
      ? Math.min(...xs) === Math.max(...xs)
        ? show(xs[0])
        : `${show(Math.min(...xs))}–${show(Math.max(...xs))}`
      : "n/a"
  const lines = Object.values(r).flatMap((m) => {
    const g = m?.heapGrowth as HeapGrowth | undefined
    if (!g) return []
    return [
      `| ${m!.label} | ${g.liveMb.length} | ${span(g.liveMb)} | ${span(g.factors, (f) => f.toFixed(1))} | ${span(g.promotedMbS)} | ${span(g.markingMbS)} |`,
    ]
  })
  if (!lines.length) return []
  return [
    "### How V8 grew the heap during the job (`BENCH_TRACE_GC=1`)",
    "",
    "After each full collection V8 lets the heap grow to what is live times a factor before the next; it picks the factor from how fast it marks against how fast the program promotes objects into the old generation (its maximum, 4.0 under a heap limit of 2 GB or more, unless marking is over about 43 times faster).",
    "",
    "| line | full collections | live after each, MB | factor | promoted, MB/s | marking, MB/s |",
    "|---|---|---|---|---|---|",
    ...lines,
    "",
  ]
}

async function render(
  r: Record<string, Measure | undefined>,
  info: { seedSeconds: number; t0: number; shape: string }
): Promise<string> {
  const row = (label: string, m: Measure | undefined, note = "") =>
    m
      ? `| ${label} | ${fmt(m.deleted)} | ${m.seconds.toFixed(1)} | **${fmt(rate(m))}** | ${m.startRssMb} → ${m.peakRssMb} (+${growth(m)}) | ${m.peakHeapUsedMb ?? "?"} / ${m.heapLimitMb ?? "?"} | ${left(m)}${note ? ` ${note}` : ""} |`
      : `| ${label} | not measured | | | | | |`
  const header = [
    "| method | carts deleted | seconds | carts/s | RSS start → peak, MB | V8 heap peak / limit, MB | rows left after |",
    "|---|---|---|---|---|---|---|",
  ]
  const sample = r.job1m?.lead_sample as
    { items: number; total: number } | null | undefined
  const rateOf = (m: Measure | undefined) => (m ? fmt(rate(m)) : "n/a")
  const runsOf = (m: Measure | undefined) => {
    const runs = m?.runs_seconds as number[] | undefined
    if (!m || !runs || runs.length < 2) return ""
    const rates = runs.map((s) => fmt(Math.round(m.deleted / s)))
    return ` (median of ${runs.length} runs: ${rates.join(", ")})`
  }
  const idle = r.idle as unknown as Record<string, number> | undefined
  const lines = [
    "## Cart pruning (`bench/cart-pruning.ts`)",
    "",
    `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} vCPU, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}, load average at the end ${os.loadavg()[0].toFixed(1)}. Carts seeded by SQL in the cart module's row shape (2 items, a shipping address, an email each; shape checked through the module), ${fmt(CARTS)} in ${info.seedSeconds ? `${info.seedSeconds.toFixed(0)} s` : "an earlier run (templates kept)"}. Each line runs in its own Medusa process on a fresh copy of the same data; the job runs through the plugin's runtime (lock, ledger) with ${BATCH ? `\`batch_size\` ${BATCH}` : "the plugin's default options"}. RSS and the V8 heap in use are the process's, sampled every 20 ms; the heap limit is Node's (by default a share of the machine's memory).`,
    "",
    `### ${fmt(CARTS)} carts (issue #11)`,
    "",
    ...header,
    row(
      "`cart-pruning` job (plugin indexes)",
      r.job1m,
      r.job1m
        ? `(leads archived: ${fmt(Number(r.job1m.leads_archived))}${sample ? `; one of them: ${sample.items} items, total ${sample.total}` : ""})`
        : ""
    ),
    row(
      "the same job, Node started with `--max-old-space-size=1024`",
      r.job1mHeap1g
    ),
    row("raw SQL, 5,000 per batch, same indexes (ceiling)", r.raw1m),
    row(
      `job on the schema as shipped (no plugin indexes), first ${SHIPPED_SECONDS} s`,
      r.shipped1m
    ),
    "",
    `Rate by table size: ${rateOf(r.job100k)} carts/s at 100,000 carts${runsOf(r.job100k)}, ${rateOf(r.job200k)} at 200,000, ${rateOf(r.job1m)} at ${fmt(CARTS)}.`,
    "",
    "### 200,000 carts (issue #7)",
    "",
    ...header,
    row("`cart-pruning` job", r.job200k),
    row("(a) raw SQL, same rows (ceiling)", r.raw200k),
    row(
      `(b) recipe-style: \`deleteCarts([id])\` cart by cart, first ${RECIPE_SECONDS} s`,
      r.recipe200k,
      r.recipe200k
        ? `(cart addresses left orphaned: ${fmt(Number(r.recipe200k.orphaned_addresses))})`
        : ""
    ),
    "",
    `### Idle cost, ${fmt(CARTS)} carts and nothing to prune`,
    "",
    idle
      ? `First run ${Number(idle.first_seconds).toFixed(2)} s (includes the weekly pass over cart addresses looking for orphans), next run ${Number(idle.second_seconds).toFixed(2)} s; peak RSS ${idle.peakRssMb} MB (start ${idle.startRssMb} MB).`
      : "not measured",
    "",
    ...heapGrowthLines(r),
    `Shape check: seeded carts read through the cart module match a module-made cart: \`${info.shape}\`.`,
    "",
    `Bench so far: ${((performance.now() - info.t0) / 60_000).toFixed(1)} min.`,
    "",
  ].join("\n")
  await mkdir(path.dirname(OUT_FILE), { recursive: true })
  await writeFile(OUT_FILE, lines)
  return lines
}

async function templatesExist(stages: number[]): Promise<boolean> {
  const names = [SEED_DB, ...stages.map((n) => `apbench_carts_${n}`)]
  return withClient("postgres", async (c) => {
    const { rows } = await c.query(
      "select count(*)::int as n from pg_database where datname = any($1)",
      [names]
    )
    return rows[0].n === names.length
  })
}

/** The region and sales channel of an earlier seeding (BENCH_KEEP_TEMPLATES). */
async function seededIds() {
  return withClient(SEED_DB, async (c) => {
    const { rows } = await c.query(
      `select (select id from region where name = 'Bench' limit 1) as "regionId",
              (select id from sales_channel where name = 'Bench channel' limit 1) as "salesChannelId"`
    )
    return rows[0] as { regionId: string; salesChannelId: string }
  })
}

async function freshSeedDatabase() {
  log(`fresh database ${SEED_DB}: migrating`)
  await admin(`drop database if exists "${SEED_DB}"`)
  await admin(`create database "${SEED_DB}"`)
  await medusa(["db:migrate", "--skip-scripts"], SEED_DB)
  return (await child("prepare", SEED_DB)) as unknown as {
    regionId: string
    salesChannelId: string
  }
}

export default async function cartPruningBench() {
  const t0 = performance.now()
  const stages = [
    ...new Set([100_000, 200_000, CARTS].filter((n) => n <= CARTS)),
  ]
  const templates = new Map<number, string>()
  try {
    const reusable = KEEP && (await templatesExist(stages))
    const { regionId, salesChannelId } = reusable
      ? await seededIds()
      : await freshSeedDatabase()
    const seedStart = performance.now()
    let seeded = 0
    for (const stage of stages) {
      const template = `apbench_carts_${stage}`
      templates.set(stage, template)
      if (reusable) continue
      log(`seeding carts ${fmt(seeded)}–${fmt(stage)}`)
      await withClient(SEED_DB, async (c) => {
        const run = (sql: string, params?: unknown[]) => c.query(sql, params)
        await seedCarts(run, {
          from: seeded,
          to: stage,
          regionId,
          salesChannelId,
        })
        await markBackfillDone(run, stage)
        await c.query("vacuum analyze")
      })
      seeded = stage
      await copyOf(SEED_DB, template)
    }
    if (reusable) {
      log("reusing the seeded templates (BENCH_KEEP_TEMPLATES): migrating them")
      // Kept from an earlier run: bring their schema to this code's.
      for (const template of templates.values()) {
        await medusa(["db:migrate", "--skip-scripts"], template)
      }
    }
    const seedSeconds = reusable ? 0 : (performance.now() - seedStart) / 1000

    log("checking the seeded carts through the cart module")
    const verify = await onCopy(
      "shape check",
      templates.get(stages[0])!,
      "verify",
      {
        BENCH_CARTS_SEEDED: String(stages[0]),
        BENCH_REGION_ID: regionId,
        BENCH_SALES_CHANNEL_ID: salesChannelId,
      }
    )

    const big = templates.get(CARTS)!
    const mid = templates.get(200_000) ?? big
    const small = templates.get(100_000) ?? big
    const budget = { time_budget_minutes: 60 }

    // Each result is written out as soon as it exists, so a bench stopped
    // half-way still leaves its figures.
    const r: Record<string, Measure | undefined> = {}
    // `runs` > 1: the run with the median time (of two, the slower), and
    // every run's time.
    const measureRuns = async (
      key: string,
      runs: number,
      ...[label, ...rest]: Parameters<typeof onCopy>
    ) => {
      if (ONLY.length && !ONLY.includes(key)) return
      const all: Measure[] = []
      for (let i = 0; i < runs; i++) {
        const suffix = runs > 1 ? ` (run ${i + 1}/${runs})` : ""
        all.push(await onCopy(`${label}${suffix}`, ...rest))
      }
      const sorted = [...all].sort((a, b) => a.seconds - b.seconds)
      r[key] = {
        ...sorted[Math.floor(sorted.length / 2)],
        runs_seconds: all.map((m) => m.seconds),
        label,
      }
      await render(r, { seedSeconds, t0, shape: String(verify.shape) })
    }
    const measure = (key: string, ...args: Parameters<typeof onCopy>) =>
      measureRuns(key, 1, ...args)
    await measure(
      "job1m",
      `job, ${fmt(CARTS)} carts`,
      big,
      "job",
      jobOptions(budget)
    )
    // The same job with a 1 GB heap limit, as a worker container sets it:
    // V8 then collects before the heap is several times what is live.
    await measure(
      "job1mHeap1g",
      `job, ${fmt(CARTS)} carts, 1 GB heap limit`,
      big,
      "job",
      {
        ...jobOptions(budget),
        NODE_OPTIONS:
          `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=1024`.trim(),
      }
    )
    await measure("raw1m", `raw SQL, ${fmt(CARTS)} carts`, big, "raw")
    await measure(
      "shipped1m",
      `job on the shipped schema, ${fmt(CARTS)} carts, ${SHIPPED_SECONDS} s`,
      big,
      "job",
      {
        ...jobOptions({
          add_indexes: false,
          clean_orphan_addresses: false,
          batch_size: 50,
          concurrency: 1,
          time_budget_minutes: SHIPPED_SECONDS / 60,
        }),
        BENCH_ONE_RUN: "1",
      },
      async (database) => {
        await withClient(database, async (c) => {
          for (const i of CART_DELETE_INDEXES) {
            await c.query(`drop index if exists "${i.name}"`)
          }
        })
      }
    )
    await measure(
      "idle",
      `idle job, ${fmt(CARTS)} carts`,
      big,
      "idle",
      jobOptions({
        lifetimes: {
          empty_hours: 100_000,
          anonymous_days: 10_000,
          customer_days: 10_000,
        },
      })
    )
    await measureRuns(
      "job100k",
      SHORT_REPEAT,
      "job, 100,000 carts",
      small,
      "job",
      jobOptions(budget)
    )
    await measure(
      "job200k",
      "job, 200,000 carts",
      mid,
      "job",
      jobOptions(budget)
    )
    await measure("raw200k", "raw SQL, 200,000 carts", mid, "raw")
    await measure(
      "recipe200k",
      `recipe-style, 200,000 carts, ${RECIPE_SECONDS} s`,
      mid,
      "recipe",
      { BENCH_SECONDS: String(RECIPE_SECONDS) }
    )
    console.log(
      await render(r, { seedSeconds, t0, shape: String(verify.shape) })
    )
  } finally {
    if (!KEEP) {
      for (const t of templates.values()) {
        await admin(`drop database if exists "${t}"`).catch(() => undefined)
      }
      await admin(`drop database if exists "${SEED_DB}"`).catch(() => undefined)
    }
  }
}
