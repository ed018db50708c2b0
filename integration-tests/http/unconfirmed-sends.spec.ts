import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { JOB_NAMES } from "../../src/catalog/jobs"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { sendNotification } from "../../src/runtime/notifier"
import { overrideJobHandler } from "../../src/runtime/registry"
import { autopilotService } from "../../src/runtime/settings"
import type { NotifyInput } from "../../src/runtime/types"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { runJob } from "../helpers/run-job"
import { waitFor } from "../helpers/wait"

jest.setTimeout(120_000)

setPluginOptions({ jobs: { "cart-pruning": { enabled: false } } })

const MINUTE = 60_000
const JOB = "cart-reminders"

const message = (who: string): NotifyInput => ({
  name: "autopilot.cart.reminder",
  to: `${who}@example.com`,
  data: { hello: who },
  idempotencyKey: `unconfirmed-test:${who}`,
  itemId: `cart_${who}`,
})

type ProviderService = { send: (...args: unknown[]) => Promise<unknown> }

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
      JOB_NAMES.forEach((name) => overrideJobHandler(name, undefined))
    })

    const medusaRows = async (key: string) =>
      container
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ idempotency_key: key } as Record<string, unknown>)

    /**
     * The crash: the provider never answers, so Medusa's row is saved as
     * pending and stays so, as when the process stops mid-send.
     */
    async function crashMidSend(...who: string[]) {
      const module = container.resolve(Modules.NOTIFICATION) as unknown as {
        notificationProviderService_: ProviderService
      }
      const providers = module.notificationProviderService_
      const send = providers.send
      providers.send = () => new Promise(() => {})
      try {
        const options = await autopilotService(container).getOptions()
        for (const w of who) {
          void sendNotification(container, options, message(w), {
            jobName: JOB,
            runId: "run_that_crashed",
          })
          await waitFor(
            () => medusaRows(message(w).idempotencyKey),
            (rows) => rows.length === 1 && rows[0].status === "pending",
            { what: `a pending row for ${w}` }
          )
        }
      } finally {
        providers.send = send
      }
    }

    /** Runs the job with a handler that sends to `who`; returns notify's answers. */
    async function runSending(...who: string[]) {
      const answers: Record<string, boolean> = {}
      overrideJobHandler(JOB, async (ctx) => {
        for (const w of who) {
          ctx.count("scanned")
          answers[w] = await ctx.notify(message(w))
        }
      })
      const run = await runJob(container, JOB)
      return { run, answers }
    }

    it("a send left pending is never counted as sent, and unconfirmed after the grace period", async () => {
      await crashMidSend("ann", "bob")

      // Within the grace period the send may still be under way: not sent.
      clock.advance(5 * MINUTE)
      const early = await runSending("ann")
      expect(early.answers).toEqual({ ann: false })
      expect(early.run.status).toBe("succeeded")
      expect(early.run.counters).toMatchObject({ changed: 0, failed: 0 })
      expect(early.run.summary.actions).toEqual({})

      // Past it: both are unconfirmed — ann seen by her own send, bob by
      // the run's check — and the new message to cy goes out as usual.
      clock.advance(11 * MINUTE)
      const late = await runSending("ann", "cy")
      expect(late.answers).toEqual({ ann: false, cy: true })
      expect(late.run.summary.actions).toEqual({
        unconfirmed: {
          count: 2,
          sample: expect.arrayContaining(["cart_ann", "cart_bob"]),
        },
        "notify:autopilot.cart.reminder": { count: 1, sample: ["cart_cy"] },
      })
      expect(late.run.counters).toMatchObject({ changed: 1, failed: 0 })

      // Nothing was sent again behind the merchant's back.
      for (const w of ["ann", "bob"]) {
        const rows = await medusaRows(message(w).idempotencyKey)
        expect(rows.map((r) => r.status)).toEqual(["pending"])
      }
    })

    it("the merchant sees unconfirmed sends and sends one again, once", async () => {
      await crashMidSend("ann", "bob")
      clock.advance(16 * MINUTE)

      const list = await api.get("/admin/autopilot/notifications/unconfirmed", {
        headers,
      })
      expect(list.status).toBe(200)
      expect(list.data.count).toBe(2)
      const byItem = Object.fromEntries(
        list.data.notifications.map((n: { item_id: string }) => [n.item_id, n])
      )
      expect(byItem.cart_ann).toMatchObject({
        status: "unconfirmed",
        name: "autopilot.cart.reminder",
        job_name: JOB,
        run_id: "run_that_crashed",
      })
      // No recipient in the plugin's own list.
      expect(JSON.stringify(list.data)).not.toContain("@example.com")

      const [pending] = await medusaRows(message("ann").idempotencyKey)
      const id = byItem.cart_ann.id
      const resent = await api.post(
        `/admin/autopilot/notifications/${id}/resend`,
        {},
        { headers }
      )
      expect(resent.status).toBe(200)
      expect(resent.data.notification).toMatchObject({ id, status: "resent" })

      const again = await api
        .post(`/admin/autopilot/notifications/${id}/resend`, {}, { headers })
        .catch((e) => e.response)
      expect(again.status).toBe(400)
      expect(again.data.type).toBe("not_allowed")

      const copies = await medusaRows(`${message("ann").idempotencyKey}:resend`)
      expect(copies).toHaveLength(1)
      expect(copies[0]).toMatchObject({
        status: "success",
        to: "ann@example.com",
        template: pending.template,
        original_notification_id: pending.id,
      })

      const after = await api.get(
        "/admin/autopilot/notifications/unconfirmed",
        { headers }
      )
      expect(
        after.data.notifications.map((n: { item_id: string }) => n.item_id)
      ).toEqual(["cart_bob"])

      // The job now counts ann's message as sent (by the merchant), bob's
      // still as unconfirmed.
      const { run, answers } = await runSending("ann", "bob")
      expect(answers).toEqual({ ann: true, bob: false })
      expect(run.summary.actions).toEqual({
        unconfirmed: { count: 1, sample: ["cart_bob"] },
      })
      expect(run.counters).toMatchObject({ changed: 0, skipped: 1 })
    })

    it("refuses bad input", async () => {
      const missing = await api
        .post(
          "/admin/autopilot/notifications/apsend_nope/resend",
          {},
          { headers }
        )
        .catch((e) => e.response)
      expect(missing.status).toBe(404)
      const badPage = await api
        .get("/admin/autopilot/notifications/unconfirmed?limit=-1", {
          headers,
        })
        .catch((e) => e.response)
      expect(badPage.status).toBe(400)
      const extra = await api
        .post(
          "/admin/autopilot/notifications/apsend_nope/resend",
          { to: "someone@else.example" },
          { headers }
        )
        .catch((e) => e.response)
      expect(extra.status).toBe(400)
    })
  },
})
