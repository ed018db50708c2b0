import { mkdir, writeFile } from "node:fs/promises"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { type FakeCarriers, startFakeCarriers } from "../fakes/carriers"
import { resetLimiters } from "../src/carriers/http"
import { executeRun } from "../src/runtime/runner"
import { autopilotService, ensureJobSettings } from "../src/runtime/settings"
import {
  logger,
  positiveInt,
  postgresVersion,
  rssSampler,
  secondsSince as seconds,
} from "./lib/common"

/**
 * Benchmark: polling SHIPMENTS parcels against a carrier simulator that
 * allows RATE requests per second (429 + Retry-After beyond it).
 *
 * Two paths, each on its own SHIPMENTS parcels, all due at once:
 *
 * - with a batch endpoint: 17TRACK (40 numbers per `gettrackinfo` call);
 * - without: EasyPost (one tracker per request).
 *
 * The simulator answers every parcel as `in_transit` (a change, so each
 * parcel's update is recorded, as in a live shop). Time is from the first
 * run of `shipment-tracking` until no parcel is due; the floor is the
 * requests the path needs divided by RATE. Run it through `npm run bench`
 * (fresh database) or on a freshly migrated database with
 * `npx medusa exec ./bench/shipment-tracking.ts`.
 *
 * Env: BENCH_SHIPMENTS (10000), BENCH_RATE (100 requests/s).
 */

const log = logger("shipment-tracking")
const SHIPMENTS = positiveInt("BENCH_SHIPMENTS", 10_000)
const RATE = positiveInt("BENCH_RATE", 100)
const ROWS_PER_CALL = 1000
const MAX_RUNS = 20
const OUT_FILE = path.join(
  process.cwd(),
  "bench",
  "out",
  "shipment-tracking.md"
)

type PathResult = {
  path: string
  shipments: number
  updated: number
  requests: number
  refused: number
  runs: number
  seconds: number
  floor: number
  peakRssMb: number
}

async function seed(
  container: MedusaContainer,
  fake: FakeCarriers,
  provider: "17track" | "easypost",
  prefix: string
): Promise<string[]> {
  const service = autopilotService(container)
  const at = new Date()
  const numbers = Array.from(
    { length: SHIPMENTS },
    (_, i) => `${prefix}${String(i).padStart(6, "0")}`
  )
  for (let i = 0; i < numbers.length; i += ROWS_PER_CALL) {
    await service.createTrackedShipments(
      numbers.slice(i, i + ROWS_PER_CALL).map((number, j) => ({
        provider,
        tracking_number: number,
        fulfillment_id: `ful_bench_${prefix}${i + j}`,
        started_at: at,
        next_check_at: at,
        // Told already: the bench measures tracking, not messages.
        notify_pending: false,
        notified: { shipped: "bench" },
      }))
    )
  }
  const transit = [
    {
      status: "in_transit",
      at: new Date(at.getTime() - 3_600_000).toISOString(),
    },
  ]
  numbers.forEach((n) => fake.script(n, transit))
  fake.register(provider, numbers)
  return numbers
}

async function configureJob(container: MedusaContainer, fake: FakeCarriers) {
  const row = (await ensureJobSettings(container)).get("shipment-tracking")!
  const provider = {
    api_key: "bench-key",
    base_url: fake.url,
    rate_limit_per_second: RATE,
  }
  await autopilotService(container).updateJobSettings({
    id: row.id,
    enabled: true,
    options: {
      providers: { "17track": provider, easypost: provider },
      batch_size: 500,
      max_retry_after_seconds: 5,
    },
  })
}

async function runUntilDone(container: MedusaContainer): Promise<number> {
  const service = autopilotService(container)
  for (let runs = 1; runs <= MAX_RUNS; runs++) {
    const run = await service.createJobRuns({
      job_name: "shipment-tracking",
      trigger: "manual",
      status: "queued",
    })
    const outcome = await executeRun(container, run.id)
    if (outcome.status !== "succeeded") {
      const row = await service.retrieveJobRun(run.id)
      throw new Error(
        `run ${run.id} ${outcome.status}: ${row.error ?? outcome.reason}`
      )
    }
    const [, due] = await service.listAndCountTrackedShipments(
      { next_check_at: { $lte: new Date() } } as never,
      { take: 1, select: ["id"] }
    )
    if (!due) return runs
  }
  throw new Error(`parcels still due after ${MAX_RUNS} runs`)
}

async function measure(
  container: MedusaContainer,
  fake: FakeCarriers,
  provider: "17track" | "easypost",
  label: string,
  batch: number
): Promise<PathResult> {
  const numbers = await seed(
    container,
    fake,
    provider,
    provider === "17track" ? "S" : "E"
  )
  fake.requests.length = 0
  fake.setRateLimit(RATE)
  resetLimiters()
  ;(globalThis as { gc?: () => void }).gc?.()
  const rss = rssSampler()
  rss.start()
  const t0 = performance.now()
  const runs = await runUntilDone(container)
  const total = seconds(t0)
  const peak = rss.stopMb()
  const [, updated] = await autopilotService(
    container
  ).listAndCountTrackedShipments(
    { provider, status: "in_transit" },
    { take: 1, select: ["id"] }
  )
  const requests = fake.requests.filter((r) => r.provider === provider)
  return {
    path: label,
    shipments: numbers.length,
    updated,
    requests: requests.length,
    refused: requests.filter((r) => r.status === 429).length,
    runs,
    seconds: total,
    floor: Math.ceil(numbers.length / batch) / RATE,
    peakRssMb: peak,
  }
}

function table(results: PathResult[]): string {
  return [
    "| path | parcels | updated | requests | 429s | runs | seconds | floor (requests / R) s | parcels/s | peak RSS MB |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| ${r.path} | ${r.shipments} | ${r.updated} | ${r.requests} | ${r.refused} | ${r.runs} | ` +
        `${r.seconds.toFixed(1)} | ${r.floor.toFixed(1)} | ` +
        `${(r.shipments / r.seconds).toFixed(0)} | ${r.peakRssMb.toFixed(0)} |`
    ),
  ].join("\n")
}

export default async function shipmentTrackingBench({ container }: ExecArgs) {
  const started = performance.now()
  const loadAtStart = os.loadavg()[0]
  const fake = await startFakeCarriers()
  try {
    await configureJob(container, fake)
    log(
      `${SHIPMENTS} parcels per path, simulator limited to ${RATE} requests/s`
    )
    const batched = await measure(
      container,
      fake,
      "17track",
      "with a batch endpoint (17TRACK, 40 per call)",
      40
    )
    log(
      `batched: ${batched.seconds.toFixed(1)} s (floor ${batched.floor.toFixed(1)} s)`
    )
    const single = await measure(
      container,
      fake,
      "easypost",
      "without (EasyPost, 1 per request)",
      1
    )
    log(
      `single: ${single.seconds.toFixed(1)} s (floor ${single.floor.toFixed(1)} s)`
    )

    const results = [batched, single]
    const cpus = os.cpus()
    const machine =
      `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ` +
      `${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}, ` +
      `PostgreSQL ${await postgresVersion(container)}, ${os.platform()} ${os.release()}`
    const markdown = [
      "## shipment-tracking: polling parcels through a rate-limited carrier",
      "",
      `${new Date().toISOString()} — ${machine}`,
      "",
      `${SHIPMENTS} parcels per path, all due; a local carrier simulator allows ` +
        `R = ${RATE} requests/s (429 with Retry-After beyond). Every answer ` +
        `moves the parcel to in_transit, so every parcel's update is recorded. ` +
        `The floor is the requests the path needs divided by R.`,
      "",
      `Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ` +
        `${os.loadavg()[0].toFixed(2)}.`,
      "",
      table(results),
      "",
    ].join("\n")
    console.log(`\n${table(results)}\n`)
    await mkdir(path.dirname(OUT_FILE), { recursive: true })
    await writeFile(OUT_FILE, markdown)
    log(
      `wrote ${path.relative(process.cwd(), OUT_FILE)}; bench took ${seconds(started).toFixed(1)} s`
    )
  } finally {
    await fake.close()
  }
}
