// The README's production topology for real: one `server` and two `worker`
// Medusa processes on one PostgreSQL and one Redis (event bus, workflow
// engine and locking in Redis). A restock sends its back-in-stock alerts
// exactly once, runs of a job never overlap, scheduled runs happen on the
// workers only, and "run now" sent to the server is run by a worker.
import { describeWithRedis, type MedusaProcess, TestCluster } from "./cluster"
import { waitFor } from "../helpers/wait"

jest.setTimeout(300_000)

const TEMPLATE = "autopilot.restock.available"
const JOB = "restock-alerts"
const MIN_SCHEDULED_RUNS = 8

type RunRow = {
  id: string
  job_name: string
  trigger: string
  status: string
  instance: string | null
  scheduled_for: Date | null
  started_at: Date | null
  finished_at: Date | null
  error: string | null
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const pidOf = (instance: string | null) =>
  instance ? Number(instance.slice(instance.lastIndexOf(":") + 1)) : null

function topologySuite() {
  const cluster = new TestCluster({
    name: "multi",
    admin: { email: "admin@autopilot.multi", password: "multi-secret" },
  })
  let medusaServer: MedusaProcess
  let workers: MedusaProcess[]
  let workerPids = new Set<number>()
  let serverPids = new Set<number>()
  const db = () => cluster.db!
  const seed = () => cluster.seed

  const runs = async (): Promise<RunRow[]> =>
    (
      await db().query<RunRow>(
        `select id, job_name, trigger, status, instance, scheduled_for, started_at, finished_at, error
           from autopilot_job_run order by started_at nulls last, created_at`
      )
    ).rows

  beforeAll(async () => {
    await cluster.prepare()
    // All three start at once; then wait for each.
    medusaServer = await cluster.start("server", "server", { wait: false })
    workers = [
      await cluster.start("worker 1", "worker", { wait: false }),
      await cluster.start("worker 2", "worker", { wait: false }),
    ]
    await Promise.all(cluster.procs.map((p) => p.waitHealthy(180_000)))
    console.log(
      `[multi] server and 2 workers healthy after ${cluster.elapsed()}` +
        ` (redis ${cluster.redis!.started ? "started here" : "found"} at ${cluster.redis!.url})`
    )
  })

  afterAll(() => cluster.teardown())

  const adminToken = () => cluster.adminToken(medusaServer)

  const admin = async (token: string, route: string, body?: object) => {
    const res = await fetch(`${medusaServer.baseUrl}${route}`, {
      method: body ? "POST" : "GET",
      headers: {
        authorization: `Bearer ${token}`,
        ...(body && { "content-type": "application/json" }),
      },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    return { status: res.status, text, json: text ? JSON.parse(text) : null }
  }

  it("sends every back-in-stock alert exactly once across the workers", async () => {
    // The pids of each process group, taken while all are alive.
    serverPids = medusaServer.groupPids()
    workerPids = new Set(workers.flatMap((w) => [...w.groupPids()]))

    const token = await adminToken()
    const restock = await admin(
      token,
      `/admin/inventory-items/${seed().inventoryItemId}/location-levels/${seed().locationId}`,
      { stocked_quantity: 100 }
    )
    expect({ status: restock.status, body: restock.text }).toEqual({
      status: 200,
      body: expect.any(String),
    })

    const counts = async () =>
      (
        await db().query<{ rows: string; keys: string; recipients: string }>(
          `select count(*) as rows, count(distinct idempotency_key) as keys,
                  count(distinct "to") as recipients
             from notification where template = $1`,
          [TEMPLATE]
        )
      ).rows[0]
    await waitFor(counts, (c) => Number(c.rows) >= seed().emails.length, {
      timeoutMs: 90_000,
      intervalMs: 500,
      what: `${seed().emails.length} "${TEMPLATE}" notifications`,
    })
    // A few more ticks: a duplicate would show up now.
    await sleep(5000)
    expect(await counts()).toEqual({
      rows: String(seed().emails.length),
      keys: String(seed().emails.length),
      recipients: String(seed().emails.length),
    })
    const { rows: recipients } = await db().query<{ to: string }>(
      `select "to" from notification where template = $1 order by "to"`,
      [TEMPLATE]
    )
    expect(recipients.map((r) => r.to).sort()).toEqual(
      [...seed().emails].sort()
    )

    const { rows: subs } = await db().query<{ status: string; n: string }>(
      `select status, count(*) as n from autopilot_restock_subscription
        where variant_id = $1 and deleted_at is null group by status`,
      [seed().variantId]
    )
    expect(subs).toEqual([
      { status: "notified", n: String(seed().emails.length) },
    ])
  })

  it("runs each scheduled slot once, on a worker, never two runs of a job at once", async () => {
    const isScheduled = (r: RunRow) =>
      r.trigger === "schedule" || r.trigger === "catch_up"
    // Enough slots (2 s apart) for the workers to have competed for them.
    await waitFor(
      runs,
      (rows) => rows.filter(isScheduled).length >= MIN_SCHEDULED_RUNS,
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: `${MIN_SCHEDULED_RUNS} scheduled runs`,
      }
    )
    const all = await runs()
    const scheduled = all.filter(isScheduled)

    // A slot that came due while a run held the job's lock (a run can
    // outlast the 2 s interval on a slow machine) is skipped: it says why and
    // has no start time, since it never ran.
    const skipped = scheduled.filter((r) => r.status === "canceled")
    expect(
      skipped.filter(
        (r) => r.started_at !== null || !/^skipped: /.test(r.error ?? "")
      )
    ).toEqual([])

    // No overlap per job: each run starts after the previous one finished.
    const byJob = new Map<string, RunRow[]>()
    for (const r of all.filter((r) => r.started_at)) {
      byJob.set(r.job_name, [...(byJob.get(r.job_name) ?? []), r])
    }
    const overlaps: string[] = []
    for (const [job, list] of byJob) {
      list.sort((a, b) => a.started_at!.getTime() - b.started_at!.getTime())
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1]
        const end = prev.finished_at?.getTime() ?? Infinity
        if (list[i].started_at!.getTime() < end) {
          overlaps.push(
            `${job}: ${list[i].id} (${list[i].instance}) started ${list[i].started_at!.toISOString()} ` +
              `before ${prev.id} (${prev.instance}) finished ${prev.finished_at?.toISOString() ?? "(running)"}`
          )
        }
      }
    }
    expect(overlaps).toEqual([])

    // Every slot once.
    const slots = new Map<string, number>()
    for (const r of scheduled) {
      const key = `${r.job_name}@${r.scheduled_for?.toISOString()}`
      slots.set(key, (slots.get(key) ?? 0) + 1)
    }
    expect([...slots].filter(([, n]) => n > 1)).toEqual([])

    // Scheduled runs on the workers only; the server never runs anything.
    const executed = all.filter((r) => r.instance)
    expect(executed.filter((r) => serverPids.has(pidOf(r.instance)!))).toEqual(
      []
    )
    const notOnWorker = scheduled.filter(
      (r) => r.instance && !workerPids.has(pidOf(r.instance)!)
    )
    expect(notOnWorker).toEqual([])
    const perWorker = workers.map(
      (w) =>
        scheduled.filter((r) => w.groupPids().has(pidOf(r.instance) ?? -1))
          .length
    )
    console.log(
      `[multi] ${scheduled.length} scheduled runs of ${JOB}; ` +
        workers.map((w, i) => `${w.name}: ${perWorker[i]}`).join(", ") +
        `; ${skipped.length} skipped while another run held the lock` +
        `; ${scheduled.filter((r) => !r.instance).length} without an instance`
    )
  })

  it('runs "run now" sent to the server on a worker', async () => {
    const token = await adminToken()
    let runId: string | null = null
    // A scheduled run may hold the job (409): ask again until queued (for up
    // to 30 s: on a slow machine runs 2 s apart can hold it most of the time).
    const deadline = Date.now() + 30_000
    while (!runId && Date.now() < deadline) {
      const res = await admin(token, `/admin/autopilot/jobs/${JOB}/run`, {})
      if (res.status === 202) runId = res.json.run.id as string
      else if (res.status === 409) await sleep(300)
      else throw new Error(`run now answered ${res.status}: ${res.text}`)
    }
    expect(runId).toEqual(expect.any(String))
    const run = await waitFor(
      async () =>
        (
          await db().query<RunRow>(
            "select id, trigger, status, instance from autopilot_job_run where id = $1",
            [runId]
          )
        ).rows[0],
      (r) => ["succeeded", "failed", "canceled"].includes(r.status),
      { timeoutMs: 60_000, intervalMs: 500, what: `run ${runId} to finish` }
    )
    expect(run).toMatchObject({ status: "succeeded", trigger: "manual" })
    const pid = pidOf(run.instance)!
    expect(serverPids.has(pid)).toBe(false)
    expect(workerPids.has(pid)).toBe(true)
    console.log(
      `[multi] run now (${runId}) sent to the server pid ${medusaServer.pid} ran on ${run.instance}`
    )
  })
}

describeWithRedis(
  "multi-instance topology: a server and two workers on Redis",
  topologySuite
)
