import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createApiKeysWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { JOB_NAMES } from "../../src/catalog/jobs"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { sendNotification } from "../../src/runtime/notifier"
import { overrideJobHandler } from "../../src/runtime/registry"
import { executeRun } from "../../src/runtime/runner"
import { tickJob } from "../../src/runtime/scheduler"
import { autopilotService } from "../../src/runtime/settings"
import { createAdminUser } from "../helpers/admin"
import { lockContract } from "../helpers/lock-suite"
import { setPluginOptions } from "../helpers/plugin-options"
import { gate, waitFor } from "../helpers/wait"

jest.setTimeout(120_000)

setPluginOptions({
  runHistoryLimit: 5,
  jobs: {
    "cart-pruning": { enabled: false },
    "payment-recovery": { schedule: { interval: 60_000 } },
  },
})

const MINUTE = 60_000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let userId: string
    let clock: ManualClock
    let container: MedusaContainer

    beforeEach(async () => {
      container = getContainer()
      const admin = await createAdminUser(container)
      headers = admin.headers
      userId = admin.user.id
      clock = new ManualClock(new Date())
      setClock(clock)
    })

    afterEach(() => {
      resetClock()
      JOB_NAMES.forEach((name) => overrideJobHandler(name, undefined))
    })

    const getRun = async (id: string) =>
      (await api.get(`/admin/autopilot/runs/${id}`, { headers })).data.run
    const runsOf = (job: string) =>
      autopilotService(container).listJobRuns(
        { job_name: job },
        { order: { created_at: "ASC" }, take: null }
      )
    const expectError = async (
      call: Promise<unknown>,
      status: number,
      type: string,
      message?: RegExp
    ) => {
      const err = await call.then(
        () => {
          throw new Error(`expected HTTP ${status}`)
        },
        (e) => e
      )
      expect(err.response?.status).toBe(status)
      expect(err.response.data.type).toBe(type)
      if (message) expect(err.response.data.message).toMatch(message)
    }

    describe("admin API: jobs", () => {
      it("refuses requests without admin auth", async () => {
        const err = await api
          .get("/admin/autopilot/jobs")
          .catch((e: { response: { status: number } }) => e)
        expect(err.response.status).toBe(401)
      })

      it("lists every job, seeded from plugin options", async () => {
        const res = await api.get("/admin/autopilot/jobs", { headers })
        expect(res.status).toBe(200)
        const jobs = res.data.jobs
        expect(jobs.map((j: { name: string }) => j.name)).toEqual([
          ...JOB_NAMES,
        ])
        const byName = Object.fromEntries(
          jobs.map((j: { name: string }) => [j.name, j])
        )
        expect(byName["cart-pruning"]).toMatchObject({
          enabled: false,
          source: "options",
          next_run_at: null,
        })
        expect(byName["payment-recovery"]).toMatchObject({
          enabled: true,
          schedule: { interval: 60_000 },
          default_schedule: "*/5 * * * *",
          last_run: null,
          stale: false,
          options: {},
        })
        expect(byName["payment-recovery"].next_run_at).not.toBeNull()
        expect(byName["payment-recovery"]).toHaveProperty("title")
        expect(byName["payment-recovery"]).toHaveProperty("description")
        expect(byName["payment-recovery"]).toHaveProperty(
          "last_success_at",
          null
        )
        expect(byName["payment-recovery"]).toHaveProperty(
          "last_failure_at",
          null
        )
        expect(res.data.notification).toEqual({
          channel: "email",
          providers: ["local"],
          served: true,
        })

        const one = await api.get("/admin/autopilot/jobs/cart-reminders", {
          headers,
        })
        expect(one.data.job.name).toBe("cart-reminders")
        expect(one.data.job.schedule).toBe("*/15 * * * *")
      })

      it("answers 404 for unknown jobs and runs", async () => {
        await expectError(
          api.get("/admin/autopilot/jobs/nope", { headers }),
          404,
          "not_found",
          /"nope" does not exist/
        )
        await expectError(
          api.post(
            "/admin/autopilot/jobs/nope",
            { enabled: true },
            { headers }
          ),
          404,
          "not_found"
        )
        await expectError(
          api.post("/admin/autopilot/jobs/nope/run", {}, { headers }),
          404,
          "not_found"
        )
        await expectError(
          api.get("/admin/autopilot/jobs/nope/runs", { headers }),
          404,
          "not_found"
        )
        await expectError(
          api.get("/admin/autopilot/runs/aprun_missing", { headers }),
          404,
          "not_found"
        )
      })

      it("answers 400 naming the field for invalid input", async () => {
        const url = "/admin/autopilot/jobs/cart-reminders"
        await expectError(
          api.post(url, { enabled: "yes" }, { headers }),
          400,
          "invalid_data",
          /enabled/
        )
        await expectError(
          api.post(url, { enabeld: true }, { headers }),
          400,
          "invalid_data",
          /enabeld/
        )
        await expectError(
          api.post(url, { options: { nope: 1 } }, { headers }),
          400,
          "invalid_data",
          /options: unknown option "nope"/
        )
        await expectError(
          api.post(url, { schedule: "every day" }, { headers }),
          400,
          "invalid_data",
          /schedule: .*5 or 6 fields/
        )
        await expectError(
          api.post(url, { schedule: { interval: 5 } }, { headers }),
          400,
          "invalid_data",
          /schedule/
        )
        await expectError(
          api.post(url, { paused_until: "tomorrow" }, { headers }),
          400,
          "invalid_data",
          /paused_until/
        )
        await expectError(
          api.post(`${url}/run`, { dry_run: "please" }, { headers }),
          400,
          "invalid_data",
          /dry_run/
        )
        await expectError(
          api.get(`${url}/runs?limit=0`, { headers }),
          400,
          "invalid_data",
          /limit/
        )
        await expectError(
          api.get(`${url}/runs?status=exploded`, { headers }),
          400,
          "invalid_data",
          /status/
        )
        // Nothing was written by the refused requests.
        const changes = await api.get(`${url}/changes`, { headers })
        expect(changes.data.count).toBe(0)
      })

      it("switches a job off and on, records who did it, and admin changes win", async () => {
        const url = "/admin/autopilot/jobs/payment-recovery"
        const off = await api.post(url, { enabled: false }, { headers })
        expect(off.status).toBe(200)
        expect(off.data.job).toMatchObject({
          enabled: false,
          source: "admin",
          updated_by: userId,
          next_run_at: null,
        })

        const pausedUntil = new Date(clock.now().getTime() + 3_600_000)
        const paused = await api.post(
          url,
          {
            enabled: true,
            paused_until: pausedUntil.toISOString(),
            schedule: "*/2 * * * *",
          },
          { headers }
        )
        expect(paused.data.job).toMatchObject({
          enabled: true,
          schedule: "*/2 * * * *",
          next_run_at: null,
        })
        expect(new Date(paused.data.job.paused_until).toISOString()).toBe(
          pausedUntil.toISOString()
        )

        const changes = await api.get(`${url}/changes`, { headers })
        expect(changes.data.count).toBe(2)
        expect(changes.data.changes[1]).toMatchObject({
          actor: userId,
          changes: { enabled: { from: true, to: false } },
        })
        expect(changes.data.changes[0].changes).toHaveProperty("schedule")
        expect(changes.data.changes[0].changes).toHaveProperty("paused_until")

        // Stored in the plugin's table: a fresh read (as after a restart or
        // on another instance) sees the admin's values, not plugin options.
        const [row] = await autopilotService(container).listJobSettings({
          job_name: "payment-recovery",
        })
        expect(row).toMatchObject({
          enabled: true,
          schedule: "*/2 * * * *",
          source: "admin",
        })

        const lifted = await api.post(url, { paused_until: null }, { headers })
        expect(lifted.data.job.paused_until).toBeNull()
        expect(lifted.data.job.next_run_at).not.toBeNull()
      })
    })

    describe("schedule", () => {
      it("runs a due slot once, respects the switch and catches up once after downtime", async () => {
        const job = "payment-recovery" // interval 60 s from plugin options
        expect(await tickJob(container, job)).toEqual([])

        clock.advance(MINUTE + 1000)
        const [first] = await tickJob(container, job)
        expect(first.status).toBe("succeeded")
        // The same slot again (a second instance ticking at once): nothing.
        expect(await tickJob(container, job)).toEqual([])

        await api.post(
          `/admin/autopilot/jobs/${job}`,
          { enabled: false },
          { headers }
        )
        clock.advance(MINUTE)
        expect(await tickJob(container, job)).toEqual([])

        await api.post(
          `/admin/autopilot/jobs/${job}`,
          { enabled: true },
          { headers }
        )
        clock.advance(10 * MINUTE)
        const catchUp = await tickJob(container, job)
        expect(catchUp.map((o) => o.status)).toEqual(["succeeded"])
        expect(await tickJob(container, job)).toEqual([])

        const runs = await runsOf(job)
        expect(runs.map((r) => [r.trigger, r.status])).toEqual([
          ["schedule", "succeeded"],
          ["schedule", "succeeded"],
        ])
        const view = (
          await api.get(`/admin/autopilot/jobs/${job}`, { headers })
        ).data.job
        expect(view.last_run.id).toBe(runs[1].id)
        expect(view.last_success_at).not.toBeNull()
        expect(view.last_run.status).toBe("succeeded")
      })

      it("a switched-off job does nothing, even when its run was queued", async () => {
        const service = autopilotService(container)
        await api.post(
          "/admin/autopilot/jobs/restock-alerts",
          { enabled: false },
          { headers }
        )
        let ran = false
        overrideJobHandler("restock-alerts", async () => {
          ran = true
        })
        const run = await service.createJobRuns({
          job_name: "restock-alerts",
          trigger: "manual",
          status: "queued",
        })
        const [outcome] = await tickJob(container, "restock-alerts")
        expect(outcome).toMatchObject({ runId: run.id, status: "canceled" })
        expect(ran).toBe(false)
        const stored = await service.retrieveJobRun(run.id)
        expect(stored.error).toMatch(/switched off/)
      })

      it("flags a job stale when it has not succeeded for twice its interval", async () => {
        const job = "payment-recovery"
        clock.advance(2 * MINUTE)
        overrideJobHandler(job, async () => {
          throw new Error("provider down")
        })
        const [failed] = await tickJob(container, job)
        expect(failed.status).toBe("failed")
        // Twice the interval, or twice the tick when that is longer (this
        // file ticks hourly): three hours without a success is stale.
        clock.advance(3 * 60 * MINUTE)
        const view = (
          await api.get(`/admin/autopilot/jobs/${job}`, { headers })
        ).data.job
        expect(view.stale).toBe(true)
        expect(view.consecutive_failures).toBe(1)
        expect(view.last_failure_at).not.toBeNull()
        expect(view.last_run.error).toBe("provider down")

        overrideJobHandler(job, undefined)
        await tickJob(container, job)
        const healed = (
          await api.get(`/admin/autopilot/jobs/${job}`, { headers })
        ).data.job
        expect(healed.stale).toBe(false)
        expect(healed.consecutive_failures).toBe(0)
      })
    })

    describe("run now", () => {
      it("queues a run (202), runs it and records counters and item failures", async () => {
        overrideJobHandler("restock-alerts", async (ctx) => {
          ctx.count("scanned", 3)
          ctx.changed("notify", "sub_1")
          ctx.changed("notify", "sub_2")
          ctx.fail("sub_3", "mailbox full")
          await ctx.progress(3, 3)
        })
        const res = await api.post(
          "/admin/autopilot/jobs/restock-alerts/run",
          {},
          { headers }
        )
        expect(res.status).toBe(202)
        expect(res.data.run).toMatchObject({
          job_name: "restock-alerts",
          trigger: "manual",
          actor: userId,
          dry_run: false,
        })
        expect(["queued", "running", "succeeded"]).toContain(
          res.data.run.status
        )

        const run = await waitFor(
          () => getRun(res.data.run.id),
          (r) => r.status === "succeeded",
          { what: "the run to succeed" }
        )
        expect(run.counters).toEqual({
          scanned: 3,
          changed: 2,
          skipped: 0,
          failed: 1,
        })
        expect(run.failures).toEqual({
          items: [{ item_id: "sub_3", reason: "mailbox full" }],
          omitted: 0,
        })
        expect(run.summary.actions.notify).toEqual({
          count: 2,
          sample: ["sub_1", "sub_2"],
        })
        expect(run.progress).toEqual({ done: 3, total: 3 })
        expect(run.duration_ms).toBeGreaterThanOrEqual(0)

        const list = await api.get(
          "/admin/autopilot/jobs/restock-alerts/runs?status=succeeded",
          { headers }
        )
        expect(list.data.count).toBe(1)
        expect(list.data.runs[0].id).toBe(run.id)
      })

      it("answers 409 while the job runs, and shows live progress", async () => {
        const release = gate()
        overrideJobHandler("cart-reminders", async (ctx) => {
          await ctx.progress(1, 4)
          await release.wait
          await ctx.progress(4, 4)
        })
        const first = await api.post(
          "/admin/autopilot/jobs/cart-reminders/run",
          {},
          { headers }
        )
        const running = await waitFor(
          () => getRun(first.data.run.id),
          (r) => r.status === "running" && r.progress.done === 1,
          { what: "the run to report progress" }
        )
        expect(running.progress).toEqual({ done: 1, total: 4 })
        const job = (
          await api.get("/admin/autopilot/jobs/cart-reminders", { headers })
        ).data.job
        expect(job.current_run.id).toBe(first.data.run.id)

        try {
          // Medusa answers every CONFLICT with its own generic message.
          await expectError(
            api.post(
              "/admin/autopilot/jobs/cart-reminders/run",
              { dry_run: true },
              { headers }
            ),
            409,
            "conflict"
          )
        } finally {
          release.open()
        }
        await waitFor(
          () => getRun(first.data.run.id),
          (r) => r.status === "succeeded",
          { what: "the run to finish" }
        )
      })

      it("can be triggered with a secret API key (external schedulers)", async () => {
        const {
          result: [key],
        } = await createApiKeysWorkflow(container).run({
          input: {
            api_keys: [{ title: "cron", type: "secret", created_by: userId }],
          },
        })
        const basic = `Basic ${Buffer.from(`${key.token}:`).toString("base64")}`
        const res = await api.post(
          "/admin/autopilot/jobs/inventory-reconciliation/run",
          { dry_run: true },
          { headers: { authorization: basic } }
        )
        expect(res.status).toBe(202)
        expect(res.data.run).toMatchObject({
          trigger: "api",
          actor: key.id,
          dry_run: true,
        })
        await waitFor(
          () => getRun(res.data.run.id),
          (r) => r.status === "succeeded",
          { what: "the API-triggered run" }
        )
      })

      it("a queued run left by a server instance is run by the next tick", async () => {
        const run = await autopilotService(container).createJobRuns({
          job_name: "shipment-tracking",
          trigger: "manual",
          actor: userId,
          status: "queued",
        })
        const outcomes = await tickJob(container, "shipment-tracking")
        expect(outcomes[0]).toEqual({ runId: run.id, status: "succeeded" })
      })
    })

    describe("single flight", () => {
      it("two concurrent runs: one runs, the other is refused", async () => {
        const service = autopilotService(container)
        const release = gate()
        let entered = 0
        overrideJobHandler("cart-pruning", async () => {
          entered += 1
          await release.wait
        })
        await api.post(
          "/admin/autopilot/jobs/cart-pruning",
          { enabled: true },
          { headers }
        )
        const [a, b] = await Promise.all(
          [1, 2].map(() =>
            service.createJobRuns({
              job_name: "cart-pruning",
              trigger: "manual",
              status: "queued",
            })
          )
        )
        const first = executeRun(container, a.id)
        await waitFor(
          () => service.retrieveJobRun(a.id),
          (r) => r.status === "running",
          { what: "the first run to start" }
        )
        const second = await executeRun(container, b.id)
        expect(second.status).toBe("queued") // back in the queue, not run
        expect(second.reason).toMatch(
          new RegExp(`run ${a.id} of this job is in progress`)
        )

        // A scheduled slot while it runs is skipped, not run alongside.
        await api.post(
          "/admin/autopilot/jobs/cart-pruning",
          { schedule: { interval: 60_000 } },
          { headers }
        )
        clock.advance(2 * MINUTE)
        const ticked = await tickJob(container, "cart-pruning")
        expect(ticked.map((o) => o.status)).toEqual(["queued", "canceled"])
        // The skipped slot says why and keeps no start time: in the ledger
        // no other run of the job overlaps the one that holds the lock.
        const skipped = await service.retrieveJobRun(ticked[1].runId)
        expect(skipped).toMatchObject({
          trigger: "schedule",
          started_at: null,
          finished_at: expect.any(Date),
          error: `skipped: run ${a.id} of this job is in progress`,
        })
        expect(await service.retrieveJobRun(b.id)).toMatchObject({
          status: "queued",
          started_at: null,
        })

        release.open()
        expect((await first).status).toBe("succeeded")
        expect(entered).toBe(1)
        // The refused manual run waited in the queue and runs now.
        const later = await tickJob(container, "cart-pruning")
        expect(later[0]).toEqual({ runId: b.id, status: "succeeded" })
        expect(entered).toBe(2)
      })

      // Crash takeover, as on the postgres and redis providers.
      lockContract(getContainer)
    })

    describe("dry run and notifications", () => {
      const recipients = [
        "ann@example.com",
        "bob@example.com",
        "cy@example.com",
      ]
      const sendAll = async (
        ctx: Parameters<Parameters<typeof overrideJobHandler>[1] & object>[0]
      ) => {
        for (const to of recipients) {
          ctx.count("scanned")
          await ctx.notify({
            name: "autopilot.cart.reminder",
            to,
            data: { hello: to },
            idempotencyKey: `test-reminder:${to}`,
            itemId: `cart_${to}`,
          })
        }
      }

      it("a dry run sends nothing and says what it would have done", async () => {
        const notifications = container.resolve(Modules.NOTIFICATION)
        const before = await notifications.listNotifications({})
        overrideJobHandler("cart-reminders", sendAll)
        const res = await api.post(
          "/admin/autopilot/jobs/cart-reminders/run",
          { dry_run: true },
          { headers }
        )
        const run = await waitFor(
          () => getRun(res.data.run.id),
          (r) => r.status === "succeeded",
          { what: "the dry run" }
        )
        expect(run.dry_run).toBe(true)
        expect(run.summary.actions["notify:autopilot.cart.reminder"]).toEqual({
          count: 3,
          sample: recipients.map((r) => `cart_${r}`),
        })
        expect(await notifications.listNotifications({})).toHaveLength(
          before.length
        )
        // A dry run does not count for the job's health.
        const job = (
          await api.get("/admin/autopilot/jobs/cart-reminders", { headers })
        ).data.job
        expect(job.last_success_at).toBeNull()
      })

      it("sends once per idempotency key, also when the run is repeated", async () => {
        const notifications = container.resolve(Modules.NOTIFICATION)
        overrideJobHandler("cart-reminders", sendAll)
        for (let i = 0; i < 2; i++) {
          const res = await api.post(
            "/admin/autopilot/jobs/cart-reminders/run",
            {},
            { headers }
          )
          await waitFor(
            () => getRun(res.data.run.id),
            (r) => r.status === "succeeded",
            { what: `run ${i + 1}` }
          )
        }
        const keys = recipients.map((r) => `test-reminder:${r}`)
        const sent = (await notifications.listNotifications({})).filter((n) =>
          keys.includes(
            (n as { idempotency_key?: string }).idempotency_key ?? ""
          )
        )
        expect(sent.map((n) => n.to).sort()).toEqual([...recipients].sort())
        expect(
          sent.every((n) => n.template === "autopilot.cart.reminder")
        ).toBe(true)
        const runs = await runsOf("cart-reminders")
        expect(runs.map((r) => r.counters)).toEqual([
          { scanned: 3, changed: 3, skipped: 0, failed: 0 },
          { scanned: 3, changed: 0, skipped: 3, failed: 0 },
        ])
      })

      it("a failed send is an item failure that names an unserved channel", async () => {
        const options = await autopilotService(container).getOptions()
        const outcome = await sendNotification(
          container,
          { ...options, notificationChannel: "sms" },
          {
            name: "autopilot.restock.available",
            to: "+3100000000",
            data: {},
            idempotencyKey: "test-sms-1",
            itemId: "sub_1",
          }
        )
        expect(outcome).toMatchObject({
          status: "failed",
          unservedChannel: "sms",
        })
      })
    })

    describe("history", () => {
      it("keeps the last N runs per job and always the last success and failure", async () => {
        const service = autopilotService(container)
        let n = 0
        overrideJobHandler("inventory-reconciliation", async () => {
          n += 1
          if (n === 1) throw new Error("the one failure")
        })
        for (let i = 0; i < 8; i++) {
          const run = await service.createJobRuns({
            job_name: "inventory-reconciliation",
            trigger: "manual",
            status: "queued",
          })
          await executeRun(container, run.id)
        }
        const runs = await runsOf("inventory-reconciliation")
        expect(runs).toHaveLength(6) // 5 newest + the protected failure
        expect(runs.filter((r) => r.status === "failed")).toHaveLength(1)
        expect(runs[0].error).toBe("the one failure")
        // Other jobs' history is untouched.
        expect(await runsOf("cart-reminders")).toHaveLength(0)
      })
    })
  },
})
