// A worker killed (kill -9) in the middle of sending back-in-stock alerts,
// twice: early (first alerts out) and later (about half out). The next
// worker takes the job's lock over, marks the dead runs failed (no
// heartbeat) and finishes the alerts: every shopper alerted exactly once,
// nothing sent twice, nothing lost. Its own database and Redis DB index, so
// it runs after topology.spec.ts in the same jest process.
import { waitFor } from "../helpers/wait"
import {
  describeWithRedis,
  groupAlive,
  type MedusaProcess,
  RESTOCK_ONLY_OPTIONS,
  TestCluster,
} from "./cluster"

jest.setTimeout(600_000)

const TEMPLATE = "autopilot.restock.available"
const JOB = "restock-alerts"
/** Shoppers waiting: enough for a run to be caught (and killed) mid-way. */
const SUBSCRIBERS = Number(process.env.AUTOPILOT_TEST_CRASH_SUBSCRIBERS || 600)
/** The Redis DB index of this suite (the topology suite uses 7). */
const CRASH_REDIS_DB = Number(process.env.AUTOPILOT_TEST_CRASH_REDIS_DB || 8)
const LOCK_TTL_SECONDS = 6
/**
 * Sends per notification batch. A kill while a batch is with the provider
 * leaves that batch's rows pending (Medusa stores their statuses after the
 * last send): at most one batch per kill is held, never counted as sent.
 */
const BATCH = 25

type RunRow = {
  id: string
  trigger: string
  status: string
  instance: string | null
  started_at: Date | null
  finished_at: Date | null
  error: string | null
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** kill -9 to the whole process group; resolves once nothing of it is left. */
async function killGroup(p: MedusaProcess): Promise<void> {
  const child = p.child!
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((r) => child.once("exit", r))
  process.kill(-p.pid, "SIGKILL")
  await exited
  const deadline = Date.now() + 10_000
  while (groupAlive(p.pid) && Date.now() < deadline) await sleep(50)
  if (groupAlive(p.pid)) throw new Error(`${p.name} survived kill -9`)
}

function crashSuite() {
  const cluster = new TestCluster({
    name: "crash",
    admin: { email: "admin@autopilot.crash", password: "crash-secret" },
    redisDb: CRASH_REDIS_DB,
    env: {
      AUTOPILOT_LOCK_TTL_SECONDS: String(LOCK_TTL_SECONDS),
      AUTOPILOT_OPTIONS: JSON.stringify({
        ...RESTOCK_ONLY_OPTIONS,
        notificationBatchSize: BATCH,
      }),
    },
    seedEnv: { MULTI_SEED_SUBSCRIBERS: String(SUBSCRIBERS) },
  })
  let medusaServer: MedusaProcess
  const db = () => cluster.db!
  const seed = () => cluster.seed
  const elapsed = () => cluster.elapsed()

  const runs = async (): Promise<RunRow[]> =>
    (
      await db().query<RunRow>(
        `select id, trigger, status, instance, started_at, finished_at, error
           from autopilot_job_run where job_name = $1
          order by started_at nulls last, created_at`,
        [JOB]
      )
    ).rows

  const sent = async (): Promise<number> =>
    Number(
      (
        await db().query<{ n: string }>(
          "select count(*) as n from notification where template = $1",
          [TEMPLATE]
        )
      ).rows[0].n
    )

  const startWorker = (name: string) => cluster.start(name, "worker")

  beforeAll(async () => {
    await cluster.prepare()
    expect(cluster.seed.emails).toHaveLength(SUBSCRIBERS)
    medusaServer = await cluster.start("server", "server")
  })

  afterAll(() => cluster.teardown())

  it("alerts every shopper exactly once through two worker crashes", async () => {
    const N = SUBSCRIBERS
    // One worker only: the run lands on it.
    let worker = await startWorker("worker 1")
    console.log(`[crash] server and worker 1 healthy after ${elapsed()}`)

    const token = await cluster.adminToken(medusaServer)
    // Enough stock for one wave to cover everyone.
    const restock = await fetch(
      `${medusaServer.baseUrl}/admin/inventory-items/${seed().inventoryItemId}/location-levels/${seed().locationId}`,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ stocked_quantity: 1000 }),
      }
    )
    expect({ status: restock.status, body: await restock.text() }).toEqual({
      status: 200,
      body: expect.any(String),
    })

    // Two crashes: once the first alerts are out, once about half are.
    const crashes: { at: number; runs: string[] }[] = []
    const interrupted = new Set<string>()
    for (const [i, threshold] of [1, Math.ceil(N / 2)].entries()) {
      const count = await waitFor(sent, (n) => n >= threshold, {
        timeoutMs: 120_000,
        intervalMs: 50,
        what: `${threshold} alerts sent by ${worker.name}`,
      })
      const running = (await runs()).filter((r) => r.status === "running")
      await killGroup(worker)
      if (count >= N) {
        throw new Error(
          `all ${N} alerts were out before ${worker.name} could be killed; raise AUTOPILOT_TEST_CRASH_SUBSCRIBERS`
        )
      }
      const fresh = running.filter((r) => !interrupted.has(r.id))
      expect(fresh.map((r) => r.status)).toEqual(["running"])
      fresh.forEach((r) => interrupted.add(r.id))
      crashes.push({ at: count, runs: fresh.map((r) => r.id) })
      console.log(
        `[crash] kill -9 of ${worker.name} with ${count}/${N} alerts out, run ${fresh[0].id} interrupted (${elapsed()})`
      )
      worker = await startWorker(`worker ${i + 2}`)
      console.log(`[crash] ${worker.name} healthy after ${elapsed()}`)
    }

    // Each subscription ends notified, unless the kill caught its send
    // between Medusa saving the notification and the provider's answer: that
    // row stays `pending`, the retry with the same key is skipped by the
    // module, and the plugin never counts it as sent (it stays active, and
    // after the grace period is listed as unconfirmed): lost-or-sent is
    // visible, never re-sent by itself.
    const outcomes = async () =>
      (
        await db().query<{ status: string; sent: string; n: string }>(
          `select s.status, coalesce(n.status, 'none') as sent, count(*) as n
             from autopilot_restock_subscription s
             left join notification n on n."to" = s.email and n.template = $2
            where s.variant_id = $1 and s.deleted_at is null
            group by 1, 2 order by 1, 2`,
          [seed().variantId, TEMPLATE]
        )
      ).rows
    const settled = (rows: { status: string; sent: string; n: string }[]) =>
      rows.every(
        (r) =>
          (r.status === "notified" && r.sent === "success") ||
          (r.status === "active" && r.sent === "pending")
      ) && rows.reduce((sum, r) => sum + Number(r.n), 0) === N
    await waitFor(outcomes, settled, {
      timeoutMs: 180_000,
      intervalMs: 500,
      what: `all ${N} subscriptions notified or their send left pending by a kill`,
    })
    console.log(`[crash] every subscription settled after ${elapsed()}`)

    // Time for the takeover (the dead runs marked failed) and for the run
    // that sent the last alerts to finish recording itself (it is still
    // `running` for a moment after the last subscription is marked); a few
    // more ticks also show any duplicate.
    const lastCrashStart = (rows: RunRow[]) =>
      Math.max(
        ...rows
          .filter((r) => interrupted.has(r.id))
          .map((r) => r.started_at?.getTime() ?? 0)
      )
    const succeededLater = (rows: RunRow[]) =>
      rows.filter(
        (r) =>
          r.status === "succeeded" &&
          (r.started_at?.getTime() ?? 0) > lastCrashStart(rows)
      )
    const deadline = Date.now() + 2 * LOCK_TTL_SECONDS * 1000 + 5000
    let all = await runs()
    while (
      Date.now() < deadline &&
      (all.some((r) => interrupted.has(r.id) && r.status === "running") ||
        !succeededLater(all).length)
    ) {
      await sleep(500)
      all = await runs()
    }
    // Read once the takeover run has finished: a send still under way a
    // moment ago is settled now.
    const final = await outcomes()
    expect(settled(final)).toBe(true)
    const inFlight = Number(final.find((r) => r.status === "active")?.n ?? 0)
    // Only the sends under way at the two kills (at most a batch each),
    // never a share of the wave.
    expect(inFlight).toBeLessThanOrEqual(2 * BATCH)
    expect(inFlight).toBeLessThan(N / 10)
    // Nothing sent twice, nothing lost.
    const { rows: totals } = await db().query<{
      rows: string
      keys: string
      recipients: string
    }>(
      `select count(*) as rows, count(distinct idempotency_key) as keys,
              count(distinct "to") as recipients
         from notification where template = $1`,
      [TEMPLATE]
    )
    expect(totals[0]).toEqual({
      rows: String(N),
      keys: String(N),
      recipients: String(N),
    })
    const { rows: recipients } = await db().query<{ to: string }>(
      `select "to" from notification where template = $1`,
      [TEMPLATE]
    )
    expect(recipients.map((r) => r.to).sort()).toEqual(
      [...seed().emails].sort()
    )
    // A pending row is a send the plugin recorded before handing it over:
    // its own bookkeeping still holds it, for the unconfirmed-sends list.
    const { rows: held } = await db().query<{ n: string }>(
      `select count(*) as n from autopilot_notification_send a
         join notification n on n.idempotency_key = a.idempotency_key
        where n.template = $1 and n.status = 'pending' and a.deleted_at is null`,
      [TEMPLATE]
    )
    expect(Number(held[0].n)).toBe(inFlight)
    const { rows: byStatus } = await db().query<{ status: string; n: string }>(
      `select status, count(*) as n from notification where template = $1
        group by status order by status`,
      [TEMPLATE]
    )
    console.log(
      `[crash] ${N - inFlight} subscriptions notified, ${inFlight} left pending by a kill`
    )
    console.log(
      `[crash] ${crashes.map((c) => `killed at ${c.at}`).join(", ")} of ${N}; ` +
        `runs: ${all.map((r) => `${r.id} ${r.status} on ${r.instance} from ${r.started_at?.toISOString()}`).join(", ")}; ` +
        `notification statuses: ${byStatus.map((s) => `${s.status} ${s.n}`).join(", ")}`
    )
    // The lock was taken over: a later run of the job succeeded.
    const dead = all.filter((r) => interrupted.has(r.id))
    expect(succeededLater(all).length).toBeGreaterThan(0)
    // The interrupted runs are failed (no heartbeat), not running forever.
    expect(
      dead.map((r) => ({ id: r.id, status: r.status, error: r.error }))
    ).toEqual(
      dead.map((r) => ({
        id: r.id,
        status: "failed",
        error: expect.stringMatching(/no heartbeat/),
      }))
    )
  })
}

describeWithRedis(
  "multi-instance crash: workers killed while sending alerts",
  crashSuite
)
