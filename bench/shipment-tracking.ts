import { execFileSync, spawn } from "node:child_process"
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs"
import { mkdir, writeFile } from "node:fs/promises"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { Client } from "pg"
import type { ExecArgs } from "@medusajs/framework/types"
import { type FakeCarriers, startFakeCarriers } from "../fakes/carriers"
import {
  logger,
  positiveInt,
  postgresVersion,
  secondsSince as seconds,
} from "./lib/common"

/**
 * Benchmark: polling SHIPMENTS parcels against a carrier simulator that
 * allows RATE requests per second (429 + Retry-After beyond it), with the
 * code as it is and with the code before batched recording (issue #28),
 * on the same machine in the same run.
 *
 * Two paths, each on its own SHIPMENTS parcels, all due at once:
 *
 * - with a batch endpoint: 17TRACK (40 numbers per `gettrackinfo` call);
 * - without: EasyPost (one tracker per request).
 *
 * The simulator answers every parcel as `in_transit` (a change, so each
 * parcel's update is recorded, as in a live shop). Time is from the first
 * run of `shipment-tracking` until no parcel is due; the floor is the
 * requests the path needs divided by RATE.
 *
 * Each measurement runs in its own Medusa process
 * (`bench/lib/shipment-tracking-child.ts`) on its own database, a copy of a
 * freshly migrated template; the simulator runs here, so a child's
 * `process.cpuUsage()` is the plugin's and Medusa's work only. The code
 * before is the tree of BENCH_BASELINE (default {@link BASELINE}, the commit
 * before batched recording), extracted with `git archive` into a temporary
 * folder that shares this checkout's `node_modules`; the child script is
 * copied there. The two trees alternate, path by path, BENCH_PAIRS times.
 *
 * A third measurement per path sends the same requests through the same
 * client with nothing recorded (`requests`), so the CPU the requests cost
 * alone can be told apart from the CPU recording costs.
 *
 * Reported: CPU per recorded update (after / before, target ≤ 0.5), the
 * time against the floor without a batch endpoint (target ≤ 1.15×), and
 * the time with one (target ≤ 10 s for 10,000 parcels).
 *
 * Env: BENCH_SHIPMENTS (10000), BENCH_RATE (100 requests/s), BENCH_PAIRS
 * (1), BENCH_BASELINE (a commit), BENCH_ONLY (`17track` or `easypost`),
 * BENCH_CODES (`before,after,requests`, or some), BENCH_CHILD_NODE_FLAGS (Node flags
 * for the measured processes, e.g. `--cpu-prof --cpu-prof-dir=<dir>`).
 */

/** The last commit before batched tracking updates. */
const BASELINE = "f145ed94946dbfea0120093a8edebf213fb985ac"

const log = logger("shipment-tracking")
const SHIPMENTS = positiveInt("BENCH_SHIPMENTS", 10_000)
const RATE = positiveInt("BENCH_RATE", 100)
const PAIRS = positiveInt("BENCH_PAIRS", 1)
const BASELINE_REF = process.env.BENCH_BASELINE || BASELINE
const ONLY = process.env.BENCH_ONLY
/**
 * What to measure: `before` and `after` (the job in each tree) and
 * `requests` (the same carrier requests alone, nothing recorded; this tree).
 */
const CODES = (process.env.BENCH_CODES ?? "before,after,requests").split(",")
/** Extra Node flags for the children, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`. */
const CHILD_NODE_FLAGS = (process.env.BENCH_CHILD_NODE_FLAGS ?? "")
  .split(" ")
  .filter(Boolean)
const ROOT = process.cwd()
const MEDUSA_CLI = path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js")
const CHILD = path.join("bench", "lib", "shipment-tracking-child.ts")
const TEMPLATE_DB = "apbench_tracking_template"
const OUT_FILE = path.join(ROOT, "bench", "out", "shipment-tracking.md")

type Provider = "17track" | "easypost"
const PATHS: { provider: Provider; label: string; perRequest: number }[] = [
  {
    provider: "17track",
    label: "with a batch endpoint (17TRACK, 40 per call)",
    perRequest: 40,
  },
  {
    provider: "easypost",
    label: "without (EasyPost, 1 per request)",
    perRequest: 1,
  },
]

type Code = "before" | "after" | "requests"

type Measure = {
  code: Code
  provider: Provider
  label: string
  shipments: number
  updated: number
  runs: number
  seconds: number
  floor: number
  requests: number
  refused: number
  cpuMs: number
  peakRssMb: number
  load: number
}

function urlFor(database: string): string {
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `/${database}`
  return url.toString()
}

async function admin(sql: string) {
  const client = new Client({ connectionString: urlFor("postgres") })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Runs the medusa CLI in `cwd` on `database`; resolves with its stdout. */
function medusa(
  cwd: string,
  args: string[],
  database: string,
  env: Record<string, string> = {}
): Promise<string> {
  return new Promise((resolve, reject) => {
    const flags = args[0] === "exec" ? CHILD_NODE_FLAGS : []
    const child = spawn(process.execPath, [...flags, MEDUSA_CLI, ...args], {
      cwd,
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
              `medusa ${args.join(" ")} in ${cwd} exited ${code}:\n${out.slice(-2000)}`
            )
          )
    )
  })
}

/** The tree of `ref` in a temporary folder, sharing this checkout's node_modules. */
function extractBaseline(ref: string): { dir: string; commit: string } {
  const commit = execFileSync("git", ["rev-parse", `${ref}^{commit}`], {
    cwd: ROOT,
  })
    .toString()
    .trim()
  const dir = mkdtempSync(path.join(os.tmpdir(), "autopilot-tracking-before-"))
  execFileSync(
    "sh",
    ["-c", `git archive --format=tar ${commit} | tar -x -C "${dir}"`],
    { cwd: ROOT }
  )
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"))
  cpSync(path.join(ROOT, CHILD), path.join(dir, CHILD))
  return { dir, commit }
}

async function measure(
  fake: FakeCarriers,
  code: Code,
  cwd: string,
  route: (typeof PATHS)[number],
  index: number
): Promise<Measure> {
  const database = `apbench_tracking_${code}_${route.provider.replace(/\W/g, "")}_${index}`
  const prefix = `${code[0].toUpperCase()}${route.provider === "17track" ? "S" : "E"}${index}x`
  const numbers = Array.from(
    { length: SHIPMENTS },
    (_, i) => `${prefix}${String(i).padStart(6, "0")}`
  )
  const transit = [
    {
      status: "in_transit",
      at: new Date(Date.now() - 3_600_000).toISOString(),
    },
  ]
  numbers.forEach((n) => fake.script(n, transit))
  fake.register(route.provider, numbers)
  await admin(`drop database if exists "${database}"`)
  await admin(`create database "${database}" template "${TEMPLATE_DB}"`)
  try {
    fake.requests.length = 0
    fake.setRateLimit(RATE)
    const load = os.loadavg()[0]
    const out = await medusa(cwd, ["exec", `./${CHILD}`], database, {
      BENCH_MODE: code === "requests" ? "requests" : "job",
      BENCH_PROVIDER: route.provider,
      BENCH_PREFIX: prefix,
      BENCH_CARRIER_URL: fake.url,
      BENCH_SHIPMENTS: String(SHIPMENTS),
      BENCH_RATE: String(RATE),
    })
    const line = out.split("\n").find((l) => l.startsWith("RESULT "))
    if (!line) throw new Error(`no RESULT line from the child:\n${out}`)
    const r = JSON.parse(line.slice("RESULT ".length))
    const requests = fake.requests.filter((q) => q.provider === route.provider)
    return {
      code,
      provider: route.provider,
      label: route.label,
      shipments: r.shipments,
      updated: r.updated,
      runs: r.runs,
      seconds: r.seconds,
      floor: Math.ceil(SHIPMENTS / route.perRequest) / RATE,
      requests: requests.length,
      refused: requests.filter((q) => q.status === 429).length,
      cpuMs: r.cpu_user_ms + r.cpu_system_ms,
      peakRssMb: r.peak_rss_mb,
      load,
    }
  } finally {
    await admin(`drop database if exists "${database}"`)
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

const perUpdate = (m: Measure) => m.cpuMs / Math.max(1, m.updated)

function table(results: Measure[]): string {
  return [
    "| code | path | parcels | updated | requests | 429s | runs | seconds | floor (requests / R) s | × floor | CPU s | CPU ms per update | peak RSS MB | load (1 min) at start |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| ${r.code} | ${r.label} | ${r.shipments} | ${r.updated} | ${r.requests} | ${r.refused} | ${r.runs} | ` +
        `${r.seconds.toFixed(1)} | ${r.floor.toFixed(1)} | ${(r.seconds / r.floor).toFixed(2)} | ` +
        `${(r.cpuMs / 1000).toFixed(1)} | ${perUpdate(r).toFixed(3)} | ${r.peakRssMb.toFixed(0)} | ${r.load.toFixed(2)} |`
    ),
  ].join("\n")
}

/** The figures the issue asks for, each beside its baseline and target. */
function verdict(results: Measure[]): string[] {
  const lines: string[] = []
  const of = (code: Code, provider: Provider) =>
    results.filter((r) => r.code === code && r.provider === provider)
  const cpu = (ms: Measure[]) =>
    ms.reduce((a, m) => a + m.cpuMs, 0) /
    Math.max(
      1,
      ms.reduce((a, m) => a + m.updated, 0)
    )
  const before = results.filter((r) => r.code === "before")
  const after = results.filter((r) => r.code === "after")
  if (before.length && after.length) {
    const ratio = cpu(after) / cpu(before)
    lines.push(
      `CPU per recorded update, all paths: ${cpu(after).toFixed(3)} ms after, ` +
        `${cpu(before).toFixed(3)} ms before: ${ratio.toFixed(2)}× ` +
        `(target ≤ 0.5: ${ratio <= 0.5 ? "met" : "NOT met"})`
    )
  }
  // What recording costs beyond the requests: each path's CPU per update
  // minus that of its requests alone (the same in both trees).
  const beyond = (code: Code) => {
    let cpuMs = 0
    let updates = 0
    for (const route of PATHS) {
      const ms = of(code, route.provider)
      const alone = of("requests", route.provider)
      if (!ms.length || !alone.length) continue
      const n = ms.reduce((x, m) => x + m.updated, 0)
      cpuMs += ms.reduce((x, m) => x + m.cpuMs, 0) - cpu(alone) * n
      updates += n
    }
    return updates ? cpuMs / updates : null
  }
  const [beyondAfter, beyondBefore] = [beyond("after"), beyond("before")]
  if (beyondAfter !== null && beyondBefore !== null) {
    lines.push(
      `CPU per recorded update beyond the carrier requests alone: ` +
        `${beyondAfter.toFixed(3)} ms after, ${beyondBefore.toFixed(3)} ms before: ` +
        `${(beyondAfter / beyondBefore).toFixed(2)}×`
    )
  }
  for (const route of PATHS) {
    const alone = of("requests", route.provider)
    if (alone.length) {
      lines.push(
        `${route.label}, the requests alone: ${cpu(alone).toFixed(3)} ms CPU per parcel, ` +
          `${median(alone.map((m) => m.seconds)).toFixed(1)} s`
      )
    }
    const a = of("after", route.provider)
    const b = of("before", route.provider)
    if (!a.length) continue
    const time = median(a.map((m) => m.seconds))
    const floor = a[0].floor
    const was = b.length ? median(b.map((m) => m.seconds)) : null
    const cpuRatio = b.length ? cpu(a) / cpu(b) : null
    const against = was === null ? "" : `, before ${was.toFixed(1)} s`
    const cpuLine =
      cpuRatio === null
        ? ""
        : `; CPU per update ${cpu(a).toFixed(3)} ms (before ${cpu(b).toFixed(3)} ms, ${cpuRatio.toFixed(2)}×)`
    if (route.provider === "easypost") {
      const x = time / floor
      lines.push(
        `${route.label}: ${time.toFixed(1)} s, ${x.toFixed(2)}× the floor of ${floor.toFixed(1)} s` +
          `${against}${was === null ? "" : ` (${(was / floor).toFixed(2)}×)`} ` +
          `(target ≤ 1.15×: ${x <= 1.15 ? "met" : "NOT met"})${cpuLine}`
      )
    } else {
      // The target is 10 s for 10,000 parcels; scaled with the parcels.
      const target = (10 * SHIPMENTS) / 10_000
      lines.push(
        `${route.label}: ${time.toFixed(1)} s for ${SHIPMENTS} parcels${against} ` +
          `(target ≤ ${target.toFixed(1)} s: ${time <= target ? "met" : "NOT met"})${cpuLine}`
      )
    }
  }
  return lines
}

export default async function shipmentTrackingBench({ container }: ExecArgs) {
  const started = performance.now()
  const loadAtStart = os.loadavg()[0]
  const baseline = extractBaseline(BASELINE_REF)
  const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
    cwd: ROOT,
  })
    .toString()
    .trim()
  const fake = await startFakeCarriers()
  const results: Measure[] = []
  try {
    log(`baseline ${baseline.commit.slice(0, 7)} extracted to ${baseline.dir}`)
    await admin(`drop database if exists "${TEMPLATE_DB}"`)
    await admin(`create database "${TEMPLATE_DB}"`)
    log("migrating the template database")
    await medusa(ROOT, ["db:migrate"], TEMPLATE_DB)
    log(
      `${SHIPMENTS} parcels per measurement, simulator limited to ${RATE} requests/s, ${PAIRS} pair(s)`
    )
    const routes = PATHS.filter((p) => !ONLY || p.provider === ONLY)
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const route of routes) {
        // Alternate which tree goes first, so neither always gets the
        // quieter slot.
        const order: Code[] =
          pair % 2 === 0
            ? ["before", "after", "requests"]
            : ["after", "before", "requests"]
        for (const code of order.filter((c) => CODES.includes(c))) {
          const m = await measure(
            fake,
            code,
            code === "before" ? baseline.dir : ROOT,
            route,
            pair
          )
          results.push(m)
          log(
            `${code} ${route.provider}: ${m.seconds.toFixed(1)} s (floor ${m.floor.toFixed(1)} s), ` +
              `${m.updated}/${m.shipments} updated, CPU ${perUpdate(m).toFixed(3)} ms per update`
          )
        }
      }
    }

    const cpus = os.cpus()
    const machine =
      `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ` +
      `${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}, ` +
      `PostgreSQL ${await postgresVersion(container)}, ${os.platform()} ${os.release()}`
    const summary = verdict(results)
    const markdown = [
      "## shipment-tracking: polling parcels through a rate-limited carrier",
      "",
      `${new Date().toISOString()} — ${machine}`,
      "",
      `${SHIPMENTS} parcels per measurement, all due; a local carrier simulator ` +
        `(in the parent process) allows R = ${RATE} requests/s (429 with ` +
        `Retry-After beyond). Every answer moves the parcel to in_transit, so ` +
        `every parcel's update is recorded. The floor is the requests the path ` +
        `needs divided by R. "after" is this checkout (${head}), "before" the ` +
        `tree of ${baseline.commit.slice(0, 7)}; each measurement is its own ` +
        `Medusa process on a fresh copy of one migrated database, its CPU ` +
        `(\`process.cpuUsage()\`, user + system) counted from the first run ` +
        `to the last. "requests" sends the same requests through the same ` +
        `client with nothing recorded.`,
      "",
      `Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ` +
        `${os.loadavg()[0].toFixed(2)}.`,
      "",
      table(results),
      "",
      ...summary.map((l) => `- ${l}`),
      "",
    ].join("\n")
    console.log(`\n${table(results)}\n\n${summary.join("\n")}\n`)
    await mkdir(path.dirname(OUT_FILE), { recursive: true })
    await writeFile(OUT_FILE, markdown)
    log(
      `wrote ${path.relative(ROOT, OUT_FILE)}; bench took ${seconds(started).toFixed(1)} s`
    )
  } finally {
    await fake.close()
    await admin(`drop database if exists "${TEMPLATE_DB}"`).catch(() => {})
    rmSync(baseline.dir, { recursive: true, force: true })
  }
}
