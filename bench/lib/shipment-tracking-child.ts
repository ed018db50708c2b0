import { performance } from "node:perf_hooks"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { createCarrier } from "../../src/carriers"
import { executeRun } from "../../src/runtime/runner"
import {
  autopilotService,
  ensureJobSettings,
  loadEffectiveSetting,
} from "../../src/runtime/settings"
import { positiveInt, rssSampler } from "./common"

/**
 * One measurement of `bench/shipment-tracking.ts`, in its own Medusa process
 * on its own freshly migrated database, run from the tree being measured
 * (this repository, or the code before the change extracted with
 * `git archive`; this file is copied there). It uses only what both trees
 * have: `executeRun`, the job's settings and the module's generated methods.
 *
 * Seeds BENCH_SHIPMENTS parcels of BENCH_PROVIDER (all due), points the
 * provider at the carrier simulator the parent runs (BENCH_CARRIER_URL, so
 * the simulator's CPU is not this process's), runs `shipment-tracking` until
 * no parcel is due, and prints one `RESULT {json}` line: wall time, this
 * process's CPU time (`process.cpuUsage()`, user + system) over the runs,
 * the parcels moved to `in_transit`, the peak RSS.
 *
 * With BENCH_MODE=requests it records nothing: it sends the same requests
 * through the provider's client (same batching, 4 in flight, same rate
 * limiter) and measures them alone, so the CPU the requests cost can be
 * told apart from the CPU recording costs.
 */

const SHIPMENTS = positiveInt("BENCH_SHIPMENTS", 10_000)
const RATE = positiveInt("BENCH_RATE", 100)
const PROVIDER = process.env.BENCH_PROVIDER as "17track" | "easypost"
const PREFIX = process.env.BENCH_PREFIX ?? "N"
const CARRIER_URL = process.env.BENCH_CARRIER_URL!
const MODE = process.env.BENCH_MODE ?? "job"
const ROWS_PER_CALL = 1000
const MAX_RUNS = 20

async function seed(container: MedusaContainer) {
  const service = autopilotService(container)
  const at = new Date()
  for (let i = 0; i < SHIPMENTS; i += ROWS_PER_CALL) {
    const count = Math.min(ROWS_PER_CALL, SHIPMENTS - i)
    await service.createTrackedShipments(
      Array.from({ length: count }, (_, j) => ({
        provider: PROVIDER,
        tracking_number: `${PREFIX}${String(i + j).padStart(6, "0")}`,
        fulfillment_id: `ful_bench_${PREFIX}${i + j}`,
        started_at: at,
        next_check_at: at,
        // Told already: the bench measures tracking, not messages.
        notify_pending: false,
        notified: { shipped: "bench" },
      }))
    )
  }
}

async function configureJob(container: MedusaContainer) {
  const row = (await ensureJobSettings(container)).get("shipment-tracking")!
  const provider = {
    api_key: "bench-key",
    base_url: CARRIER_URL,
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

/** The job's requests alone: same client, batching and concurrency (4). */
async function requestsOnly(container: MedusaContainer): Promise<number> {
  const { options } = await loadEffectiveSetting(container, "shipment-tracking")
  const o = options as Record<string, never>
  const client = createCarrier(PROVIDER, o.providers, {
    timeoutMs: o.timeout_ms,
    maxRetryAfterSeconds: o.max_retry_after_seconds,
    now: () => new Date(),
  })!
  const numbers = Array.from(
    { length: SHIPMENTS },
    (_, i) => `${PREFIX}${String(i).padStart(6, "0")}`
  )
  const chunks: string[][] = []
  for (let i = 0; i < numbers.length; i += client.batchSize) {
    chunks.push(numbers.slice(i, i + client.batchSize))
  }
  let next = 0
  let answered = 0
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++]
      const results = await client.track(
        chunk.map((number) => ({
          number,
          carrier: null,
          current: "pending" as const,
        }))
      )
      answered += results.filter((r) => r.ok).length
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()])
  return answered
}

export default async function shipmentTrackingChild({ container }: ExecArgs) {
  if (!PROVIDER || !CARRIER_URL) {
    throw new Error("BENCH_PROVIDER and BENCH_CARRIER_URL are required")
  }
  await configureJob(container)
  if (MODE === "requests") {
    const rss = rssSampler()
    rss.start()
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    const answered = await requestsOnly(container)
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    console.log(
      `RESULT ${JSON.stringify({
        provider: PROVIDER,
        shipments: SHIPMENTS,
        updated: answered,
        runs: 0,
        seconds,
        cpu_user_ms: cpu.user / 1000,
        cpu_system_ms: cpu.system / 1000,
        peak_rss_mb: rss.stopMb(),
      })}`
    )
    return
  }
  await seed(container)
  // Seeding and boot are outside the measurement; the first run's lazy
  // loading is inside it, in both trees alike.
  const rss = rssSampler()
  rss.start()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const runs = await runUntilDone(container)
  const seconds = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  const peak = rss.stopMb()
  const [, updated] = await autopilotService(
    container
  ).listAndCountTrackedShipments(
    { provider: PROVIDER, status: "in_transit" },
    { take: 1, select: ["id"] }
  )
  console.log(
    `RESULT ${JSON.stringify({
      provider: PROVIDER,
      shipments: SHIPMENTS,
      updated,
      runs,
      seconds,
      cpu_user_ms: cpu.user / 1000,
      cpu_system_ms: cpu.system / 1000,
      peak_rss_mb: peak,
    })}`
  )
}
