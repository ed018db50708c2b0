import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { JOB_NAMES } from "../../src/catalog/jobs"
import { forEachItem } from "../../src/runtime/batching"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { overrideJobHandler } from "../../src/runtime/registry"
import { tickJob } from "../../src/runtime/scheduler"
import { autopilotService } from "../../src/runtime/settings"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { runJob } from "../helpers/run-job"

jest.setTimeout(120_000)

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const MERCHANT = "owner@shop.example.com"

setPluginOptions({
  merchantEmail: MERCHANT,
  jobs: {
    "restock-alerts": {
      retries: { max_attempts: 3, first_delay_minutes: 5 },
    },
    "cart-reminders": {
      schedule: { interval: 60_000 },
      pause_after_failures: 3,
    },
    "cart-pruning": {
      schedule: { interval: 60_000 },
      pause_after_failures: 0,
    },
    "inventory-reconciliation": { schedule: "0 3 * * *" },
    "shipment-tracking": { schedule: "0 3 * * *", catch_up: false },
  },
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let clock: ManualClock
    let headers: Record<string, string>

    beforeEach(async () => {
      container = getContainer()
      headers = (await createAdminUser(container)).headers
      clock = new ManualClock(new Date())
      setClock(clock)
    })
    afterEach(() => {
      resetClock()
      JOB_NAMES.forEach((n) => overrideJobHandler(n, undefined))
    })

    const mails = async (template: string) =>
      (
        await container.resolve(Modules.NOTIFICATION).listNotifications({})
      ).filter((n) => n.template === template)
    const items = async (job: string) =>
      autopilotService(container).listItemRetries(
        { job_name: job },
        { take: null }
      )
    const setting = async (job: string) =>
      (await autopilotService(container).listJobSettings({ job_name: job }))[0]

    describe("item retries", () => {
      it("retries a failed item with back-off, gives it up, and retries it on request", async () => {
        const attempts: Record<string, number> = {}
        overrideJobHandler("restock-alerts", async (ctx) => {
          await forEachItem(
            ctx,
            ["a", "b", "c"],
            (id) => id,
            async (id) => {
              attempts[id] = (attempts[id] ?? 0) + 1
              if (id === "b") throw new Error("carrier timeout")
              if (id === "c" && attempts.c === 1)
                throw new Error("provider 500")
            }
          )
        })

        const first = await runJob(container, "restock-alerts")
        expect(first.counters).toMatchObject({ scanned: 3, failed: 2 })
        let rows = await items("restock-alerts")
        expect(
          rows.map((r) => [r.item_id, r.status, r.attempts]).sort()
        ).toEqual([
          ["b", "failing", 1],
          ["c", "failing", 1],
        ])
        for (const row of rows) {
          const wait =
            new Date(row.next_attempt_at!).getTime() - clock.now().getTime()
          expect(wait).toBeGreaterThanOrEqual(4 * MINUTE)
          expect(wait).toBeLessThanOrEqual(6 * MINUTE)
        }

        // Backing off: not attempted again yet.
        await runJob(container, "restock-alerts")
        expect(attempts).toEqual({ a: 2, b: 1, c: 1 })

        clock.advance(6 * MINUTE)
        await runJob(container, "restock-alerts")
        expect(attempts).toEqual({ a: 3, b: 2, c: 2 })
        rows = await items("restock-alerts")
        expect(rows.map((r) => r.item_id)).toEqual(["b"]) // c went through
        const wait =
          new Date(rows[0].next_attempt_at!).getTime() - clock.now().getTime()
        expect(wait).toBeGreaterThanOrEqual(8 * MINUTE)
        expect(wait).toBeLessThanOrEqual(12 * MINUTE)

        clock.advance(12 * MINUTE)
        await runJob(container, "restock-alerts")
        rows = await items("restock-alerts")
        expect(rows[0]).toMatchObject({
          item_id: "b",
          status: "given_up",
          attempts: 3,
          last_error: "carrier timeout",
          next_attempt_at: null,
        })

        clock.advance(24 * HOUR)
        await runJob(container, "restock-alerts")
        expect(attempts.b).toBe(3) // given up: left alone

        const listed = await api.get(
          "/admin/autopilot/jobs/restock-alerts/items?status=given_up",
          { headers }
        )
        expect(listed.data.items).toHaveLength(1)
        expect(listed.data.items[0]).toMatchObject({
          item_id: "b",
          attempts: 3,
        })

        const retried = await api.post(
          "/admin/autopilot/jobs/restock-alerts/items/retry",
          { item_ids: ["b"] },
          { headers }
        )
        expect(retried.data).toEqual({ retried: 1 })
        await runJob(container, "restock-alerts")
        expect(attempts.b).toBe(4)

        const all = await api.post(
          "/admin/autopilot/jobs/restock-alerts/items/retry",
          {},
          { headers }
        )
        expect(all.data).toEqual({ retried: 1 })
        const bad = await api
          .post(
            "/admin/autopilot/jobs/restock-alerts/items/retry",
            { item_ids: [] },
            { headers }
          )
          .catch((e: { response: { status: number } }) => e)
        expect(bad.response.status).toBe(400)
      })
    })

    describe("auto-pause", () => {
      it("switches a job off after N failed runs in a row and tells the merchant once", async () => {
        overrideJobHandler("cart-reminders", async () => {
          throw new Error("database unreachable")
        })
        for (let i = 0; i < 3; i++) {
          clock.advance(MINUTE + 1000)
          const [outcome] = await tickJob(container, "cart-reminders")
          expect(outcome.status).toBe("failed")
        }
        const paused = await setting("cart-reminders")
        expect(paused.enabled).toBe(false)
        expect(paused.paused_reason).toMatch(
          /switched off after 3 failed runs in a row \(last error: database unreachable\)/
        )
        const sent = await mails("autopilot.merchant.job_paused")
        expect(sent).toHaveLength(1)
        expect(sent[0].to).toBe(MERCHANT)

        // Off: no more runs, no more alerts.
        clock.advance(10 * MINUTE)
        expect(await tickJob(container, "cart-reminders")).toEqual([])
        const view = (
          await api.get("/admin/autopilot/jobs/cart-reminders", { headers })
        ).data.job
        expect(view.paused_reason).toMatch(/failed runs in a row/)

        // Switching it back on clears the streak.
        await api.post(
          "/admin/autopilot/jobs/cart-reminders",
          { enabled: true },
          { headers }
        )
        const fresh = await setting("cart-reminders")
        expect(fresh).toMatchObject({
          enabled: true,
          consecutive_failures: 0,
          paused_reason: null,
        })
        expect(await mails("autopilot.merchant.job_paused")).toHaveLength(1)
      })

      it("a run with failing items is not a failed run", async () => {
        overrideJobHandler("cart-reminders", async (ctx) => {
          ctx.fail("item-1", "send failed")
        })
        for (let i = 0; i < 4; i++) {
          clock.advance(MINUTE + 1000)
          const [outcome] = await tickJob(container, "cart-reminders")
          expect(outcome.status).toBe("succeeded")
        }
        expect((await setting("cart-reminders")).enabled).toBe(true)
      })
    })

    describe("staleness alarm", () => {
      it("alerts once per episode, also with two runners ticking at once, and clears on success", async () => {
        let healthy = false
        overrideJobHandler("cart-pruning", async () => {
          if (!healthy) throw new Error("provider down")
        })
        clock.advance(MINUTE + 1000)
        await tickJob(container, "cart-pruning")
        // This file ticks hourly: stale after twice that without a success.
        clock.advance(3 * HOUR)
        await Promise.all([
          tickJob(container, "cart-pruning"),
          tickJob(container, "cart-pruning"),
        ])
        expect(await mails("autopilot.merchant.job_stale")).toHaveLength(1)
        const jobs = (await api.get("/admin/autopilot/jobs", { headers })).data
          .jobs
        expect(
          jobs.find((j: { name: string }) => j.name === "cart-pruning").stale
        ).toBe(true)

        clock.advance(MINUTE + 1000)
        await tickJob(container, "cart-pruning")
        expect(await mails("autopilot.merchant.job_stale")).toHaveLength(1)

        healthy = true
        clock.advance(MINUTE + 1000)
        await tickJob(container, "cart-pruning")
        expect((await setting("cart-pruning")).stale_notified_at).toBeNull()

        // A new episode: a new alert.
        healthy = false
        clock.advance(MINUTE + 1000)
        await tickJob(container, "cart-pruning")
        clock.advance(3 * HOUR)
        await tickJob(container, "cart-pruning")
        expect(await mails("autopilot.merchant.job_stale")).toHaveLength(2)
      })
    })

    describe("missed runs", () => {
      const at = (iso: string) => clock.set(iso)
      const tomorrow = () => {
        const d = new Date()
        d.setUTCDate(d.getUTCDate() + 1)
        return d.toISOString().slice(0, 10)
      }

      it("runs a slot missed during a downtime once after start-up, as catch_up", async () => {
        const day = tomorrow()
        at(`${day}T03:00:10Z`)
        const [onTime] = await tickJob(container, "inventory-reconciliation")
        expect(onTime.status).toBe("succeeded")

        // Down from 03:01 until three days later, 09:00.
        const later = new Date(`${day}T09:00:00Z`)
        later.setUTCDate(later.getUTCDate() + 3)
        at(later.toISOString())
        const caughtUp = await tickJob(container, "inventory-reconciliation")
        expect(caughtUp.map((o) => o.status)).toEqual(["succeeded"])
        expect(await tickJob(container, "inventory-reconciliation")).toEqual([])

        const runs = await autopilotService(container).listJobRuns(
          { job_name: "inventory-reconciliation" },
          { order: { created_at: "ASC" } }
        )
        expect(runs.map((r) => r.trigger)).toEqual(["schedule", "catch_up"])
      })

      it("skips the missed slot when catch-up is off, and runs the next one on time", async () => {
        const day = tomorrow()
        at(`${day}T03:00:10Z`)
        await tickJob(container, "shipment-tracking")
        const later = new Date(`${day}T09:00:00Z`)
        later.setUTCDate(later.getUTCDate() + 3)
        at(later.toISOString())
        expect(await tickJob(container, "shipment-tracking")).toEqual([])

        const next = new Date(later)
        next.setUTCDate(next.getUTCDate() + 1)
        next.setUTCHours(3, 0, 10, 0)
        at(next.toISOString())
        const [onTime] = await tickJob(container, "shipment-tracking")
        expect(onTime.status).toBe("succeeded")
        const runs = await autopilotService(container).listJobRuns({
          job_name: "shipment-tracking",
        })
        expect(runs.map((r) => r.trigger)).toEqual(["schedule", "schedule"])
      })
    })
  },
})
