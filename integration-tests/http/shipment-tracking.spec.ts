import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService, ensureJobSettings } from "../../src/runtime/settings"
import {
  carrierWebhook,
  type FakeCarriers,
  type ScriptedEvent,
  signCarrierWebhook,
  startFakeCarriers,
} from "../../fakes/carriers"
import { createAdminUser } from "../helpers/admin"
import { captureEvents } from "../helpers/events"
import { setPluginOptions } from "../helpers/plugin-options"
import { shipOrder as shipOrderWith } from "../helpers/ship-order"
import { runJob } from "../helpers/run-job"
import { createShopFixture, type ShopFixture } from "../helpers/shop-fixture"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

const HOUR = 3_600_000
const MERCHANT = "owner@shop.example.com"
const SECRET = "whsec_autopilot_test"

let fake: FakeCarriers
// Before the app boots: the options point the providers at the local fake.
beforeAll(async () => {
  fake = await startFakeCarriers({ timeoutDelayMs: 2500 })
  setPluginOptions({
    merchantEmail: MERCHANT,
    jobs: {
      "shipment-tracking": {
        options: {
          providers: {
            aftership: {
              api_key: "as-test-key",
              webhook_secret: SECRET,
              base_url: fake.url,
              rate_limit_per_second: 50,
            },
            sandbox: { enabled: true, webhook_secret: SECRET },
          },
          routing: [
            { provider: "easypost", tracking_number_pattern: "^EP" },
            { provider: "sandbox", tracking_number_pattern: "^SBX" },
          ],
          default_provider: "aftership",
          timeout_ms: 1000,
        },
      },
    },
  })
})
afterAll(() => fake?.close())

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let clock: ManualClock

    beforeAll(async () => {
      shop = await createShopFixture(getContainer(), 50)
    })
    beforeEach(() => {
      container = getContainer()
      clock = new ManualClock(new Date())
      setClock(clock)
      fake.reset()
    })
    afterEach(() => resetClock())

    const service = () => autopilotService(container)
    const shipments = (filters: Record<string, unknown> = {}) =>
      service().listTrackedShipments(filters, {
        order: { tracking_number: "ASC" },
        take: null,
      })
    const shipmentOf = async (number: string) =>
      (await shipments({ tracking_number: number }))[0]
    const notifications = async (template?: string) =>
      (
        await container.resolve(Modules.NOTIFICATION).listNotifications({})
      ).filter((n) => !template || n.template === template)
    const fulfillmentOf = async (id: string) => {
      const { data } = await container
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({
          entity: "fulfillment",
          fields: ["id", "delivered_at"],
          filters: { id },
        })
      return data[0] as { id: string; delivered_at: string | null }
    }
    const iso = (msFromNow: number) =>
      new Date(clock.now().getTime() + msFromNow).toISOString()

    /** A paid order, fulfilled and shipped with one label per tracking number. */
    const shipOrder = async (
      numbers: string[],
      { noNotification = false, wait = true } = {}
    ) => {
      const { orderId, fulfillmentId } = await shipOrderWith(
        container,
        shop,
        numbers,
        { noNotification }
      )
      if (wait) {
        await waitFor(
          () => shipments({ fulfillment_id: fulfillmentId }),
          // Started, and the "shipped" message settled.
          (rows) =>
            rows.length === numbers.length &&
            rows.every((r) => !r.notify_pending),
          { what: "tracked shipments for the new shipment" }
        )
      }
      return { orderId, fulfillmentId }
    }

    const webhook = (
      provider: string,
      number: string,
      events: ScriptedEvent[],
      secret = SECRET
    ) => {
      const hook = carrierWebhook(provider, secret, number, events)
      return api
        .post(`/hooks/autopilot/tracking/${provider}`, hook.body, {
          headers: hook.headers,
          params: hook.query,
          transformRequest: [(d: unknown) => d],
        })
        .catch(
          (e: { response: { status: number; data: unknown } }) => e.response
        )
    }

    it("follows a parcel from createOrderShipmentWorkflow to delivered, telling the customer once per status", async () => {
      const moved = captureEvents<Record<string, unknown>>(
        container,
        "autopilot.shipment.status_changed"
      )
      const { orderId, fulfillmentId } = await shipOrder(["AS-1"])
      expect(await shipmentOf("AS-1")).toMatchObject({
        provider: "aftership",
        status: "pending",
        order_id: orderId,
        fulfillment_id: fulfillmentId,
        tracking_url: "https://carrier.example/t/AS-1",
      })
      const [shipped] = await notifications("autopilot.shipment.shipped")
      expect(shipped).toMatchObject({ to: "buyer@example.com" })
      expect(shipped.data).toMatchObject({
        tracking_number: "AS-1",
        tracking_url: "https://carrier.example/t/AS-1",
        order_id: orderId,
        items: [expect.objectContaining({ quantity: 1 })],
      })
      expect(shipped.data!.order_display_id).toEqual(expect.any(Number))

      fake.script("AS-1", [
        { status: "info_received", at: iso(-2 * HOUR) },
        { status: "in_transit", at: iso(-1 * HOUR) },
      ])
      let run = await runJob(container, "shipment-tracking")
      expect(run.status).toBe("succeeded")
      expect(await shipmentOf("AS-1")).toMatchObject({
        status: "in_transit",
        raw_status: "InTransit/InTransit_001",
      })

      // Quiet for less than in_transit's 12 h: not asked.
      clock.advance(2 * HOUR)
      const asked = fake.requests.length
      await runJob(container, "shipment-tracking")
      expect(fake.requests.length).toBe(asked)

      clock.advance(11 * HOUR)
      fake.script("AS-1", [
        { status: "info_received", at: iso(-15 * HOUR) },
        { status: "in_transit", at: iso(-14 * HOUR) },
        { status: "out_for_delivery", at: iso(-1 * HOUR) },
      ])
      run = await runJob(container, "shipment-tracking")
      expect(run.summary).toMatchObject({
        actions: { "status:out_for_delivery": { count: 1 } },
      })
      expect(
        await notifications("autopilot.shipment.out_for_delivery")
      ).toHaveLength(1)

      // Delivered, pushed by the carrier.
      const res = await webhook("aftership", "AS-1", [
        { status: "out_for_delivery", at: iso(-1 * HOUR) },
        { status: "delivered", at: iso(0) },
      ])
      expect(res.status).toBe(200)
      expect(res.data).toEqual({ received: 1, applied: 1, ignored: 0 })
      const delivered = await shipmentOf("AS-1")
      expect(delivered).toMatchObject({
        status: "delivered",
        next_check_at: null,
      })
      expect(delivered.delivered_marked_at).not.toBeNull()
      expect((await fulfillmentOf(fulfillmentId)).delivered_at).not.toBeNull()

      // Nothing is sent twice and a delivered parcel is not polled again.
      clock.advance(48 * HOUR)
      const before = fake.requests.length
      await runJob(container, "shipment-tracking")
      expect(fake.requests.length).toBe(before)
      for (const template of [
        "autopilot.shipment.shipped",
        "autopilot.shipment.out_for_delivery",
        "autopilot.shipment.delivered",
      ]) {
        expect(await notifications(template)).toHaveLength(1)
      }
      const [deliveredMail] = await notifications(
        "autopilot.shipment.delivered"
      )
      expect(deliveredMail.data).toMatchObject({
        status: "delivered",
        parcels: { total: 1, delivered: 1 },
        all_delivered: true,
      })
      expect(
        await notifications("autopilot.shipment.all_delivered")
      ).toHaveLength(0)
      const events = await service().listShipmentEvents({
        shipment_id: delivered.id,
      })
      expect(
        events
          .filter((e) => e.applied)
          .map((e) => e.status)
          .sort()
      ).toEqual([
        "delivered",
        "in_transit",
        "info_received",
        "out_for_delivery",
      ])
      // One event per move of the status, from polls and the webhook alike.
      await waitFor(
        async () => moved.events,
        (e) => e.length === 3,
        { what: "autopilot.shipment.status_changed" }
      )
      moved.stop()
      expect(moved.events.map((e) => [e.from, e.to, e.source])).toEqual([
        ["pending", "in_transit", "poll"],
        ["in_transit", "out_for_delivery", "poll"],
        ["out_for_delivery", "delivered", "webhook"],
      ])
      for (const e of moved.events) {
        expect(e).toMatchObject({
          id: delivered.id,
          order_id: orderId,
          fulfillment_id: fulfillmentId,
          tracking_number: "AS-1",
        })
      }
    })

    it("a carrier's javascript: tracking URL is never stored nor sent as a link", async () => {
      const XSS = "javascript:alert(1)"
      const { orderId } = await shipOrder(["AS-XSS"])
      const parcel = await shipmentOf("AS-XSS")
      // As if the label had no link: the carrier's is taken then.
      await service().updateTrackedShipments({
        id: parcel.id,
        tracking_url: null,
      })
      const hook = carrierWebhook("aftership", SECRET, "AS-XSS", [
        { status: "in_transit", at: iso(-2 * HOUR) },
      ])
      const body = hook.body.replace(
        "https://carrier.example/track/AS-XSS",
        XSS
      )
      expect(body).toContain(XSS)
      const res = await api
        .post("/hooks/autopilot/tracking/aftership", body, {
          headers: {
            ...hook.headers,
            ...signCarrierWebhook("aftership", SECRET, body).headers,
          },
          transformRequest: [(d: unknown) => d],
        })
        .catch(
          (e: { response: { status: number; data: unknown } }) => e.response
        )
      expect(res.status).toBe(200)
      expect(res.data).toMatchObject({ applied: 1 })
      expect(await shipmentOf("AS-XSS")).toMatchObject({
        status: "in_transit",
        tracking_url: null,
      })

      // A label's link is stored as the shop gave it; a message still
      // carries no javascript: link.
      await service().updateTrackedShipments({
        id: parcel.id,
        tracking_url: XSS,
      })
      const delivered = await webhook("aftership", "AS-XSS", [
        { status: "delivered", at: iso(-HOUR) },
      ])
      expect(delivered.data).toMatchObject({ applied: 1 })
      const sent = (await notifications("autopilot.shipment.delivered")).filter(
        (n) => (n.data as { order_id?: string })?.order_id === orderId
      )
      expect(sent).toHaveLength(1)
      expect(sent[0].data).toMatchObject({
        tracking_number: "AS-XSS",
        tracking_url: null,
      })
      expect(JSON.stringify(sent[0].data)).not.toContain("javascript:")
    })

    it("refuses forged and unsigned webhooks and ignores replayed and out-of-order events", async () => {
      await shipOrder(["AS-2"])
      const before = await shipmentOf("AS-2")
      const delivered = [{ status: "delivered", at: iso(-HOUR) }]

      const forged = await webhook(
        "aftership",
        "AS-2",
        delivered,
        "not-the-secret"
      )
      expect(forged.status).toBe(401)
      const hook = carrierWebhook("aftership", SECRET, "AS-2", delivered)
      const unsigned = await api
        .post("/hooks/autopilot/tracking/aftership", hook.body, {
          headers: { "content-type": "application/json" },
          transformRequest: [(d: unknown) => d],
        })
        .catch((e: { response: { status: number } }) => e.response)
      expect(unsigned.status).toBe(401)
      // A disabled provider (no credentials) and an unknown one.
      expect((await webhook("easypost", "AS-2", delivered)).status).toBe(401)
      expect((await webhook("nosuchcarrier", "AS-2", delivered)).status).toBe(
        404
      )
      expect(await shipmentOf("AS-2")).toMatchObject({
        status: before.status,
        updated_at: before.updated_at,
      })
      expect(
        await service().listShipmentEvents({ shipment_id: before.id })
      ).toHaveLength(0)

      expect(
        (await webhook("aftership", "AS-2", delivered)).data
      ).toMatchObject({ applied: 1 })
      // The same event again: recognised, nothing changes.
      expect(
        (await webhook("aftership", "AS-2", delivered)).data
      ).toMatchObject({ applied: 0, ignored: 1 })
      // An older status arriving late never moves a delivered parcel back.
      const late = await webhook("aftership", "AS-2", [
        { status: "in_transit", at: iso(0) },
      ])
      expect(late.data).toMatchObject({ applied: 0 })
      expect(await shipmentOf("AS-2")).toMatchObject({ status: "delivered" })
      expect(await notifications("autopilot.shipment.delivered")).toHaveLength(
        1
      )
      // A parcel this shop does not follow is ignored.
      expect((await webhook("aftership", "NOT-OURS", delivered)).data).toEqual({
        received: 1,
        applied: 0,
        ignored: 1,
      })
    })

    it("records carrier 500s, timeouts and malformed answers as item failures and waits out a 429", async () => {
      await shipOrder(["AS-3"])
      const s = await shipmentOf("AS-3")
      fake.script("AS-3", [{ status: "in_transit", at: iso(-HOUR) }])
      const failures: string[] = []
      for (const mode of ["500", "malformed", "timeout"] as const) {
        fake.injectFault("aftership", mode, 1)
        const run = await runJob(container, "shipment-tracking")
        expect(run.status).toBe("succeeded")
        expect(run.counters).toMatchObject({ failed: 1 })
        const [failure] = (
          run.failures as { items: { item_id: string; reason: string }[] }
        ).items
        failures.push(failure.reason)
        expect(failure.item_id).toBe(s.id)
        // Retried after its back-off, not at once.
        clock.advance(HOUR)
      }
      expect(failures).toEqual([
        expect.stringMatching(/HTTP 500/),
        expect.stringMatching(/malformed JSON/),
        expect.stringMatching(/no answer within 1000 ms/),
      ])
      expect((await shipmentOf("AS-3")).status).toBe("pending")

      fake.requests.length = 0
      fake.injectFault("aftership", "429", 1, "1")
      const run = await runJob(container, "shipment-tracking")
      expect(run.counters).toMatchObject({ failed: 0 })
      const [refused, served] = fake.requests
      expect([refused.status, served.status]).toEqual([429, 200])
      expect(served.at - refused.at).toBeGreaterThanOrEqual(950)
      expect((await shipmentOf("AS-3")).status).toBe("in_transit")
    })

    it("polls only after a status's quiet window and expires after max_tracking_days", async () => {
      await shipOrder(["AS-4"])
      fake.script("AS-4", [{ status: "info_received", at: iso(-HOUR) }])
      await runJob(container, "shipment-tracking")
      expect((await shipmentOf("AS-4")).status).toBe("info_received")
      const asked = () =>
        fake.requests.filter((r) => r.numbers.includes("AS-4")).length
      expect(asked()).toBe(1)

      clock.advance(23 * HOUR)
      await runJob(container, "shipment-tracking")
      expect(asked()).toBe(1) // info_received stays quiet for 24 h
      clock.advance(2 * HOUR)
      await runJob(container, "shipment-tracking")
      expect(asked()).toBe(2)

      clock.advance(31 * 24 * HOUR)
      const run = await runJob(container, "shipment-tracking")
      expect(run.summary).toMatchObject({ actions: { expire: { count: 1 } } })
      expect(await shipmentOf("AS-4")).toMatchObject({
        status: "expired",
        next_check_at: null,
      })
      clock.advance(24 * HOUR)
      await runJob(container, "shipment-tracking")
      expect(asked()).toBe(2)
    })

    it("tells '2 of 3 delivered', sends one all-delivered message and marks the fulfillment delivered once all arrive", async () => {
      const { fulfillmentId } = await shipOrder(["PX-1", "PX-2", "PX-3"])
      expect(await notifications("autopilot.shipment.shipped")).toHaveLength(3)
      for (const [i, number] of ["PX-1", "PX-2"].entries()) {
        await webhook("aftership", number, [
          { status: "delivered", at: iso(i * HOUR) },
        ])
      }
      const partial = (await notifications("autopilot.shipment.delivered"))
        .map(
          (n) =>
            n.data as {
              parcels: { summary: string }
              parcel: { total: number }
            }
        )
        .map((d) => d.parcels.summary)
        .sort()
      expect(partial).toEqual(["1 of 3 delivered", "2 of 3 delivered"])
      expect((await fulfillmentOf(fulfillmentId)).delivered_at).toBeNull()

      await webhook("aftership", "PX-3", [
        { status: "delivered", at: iso(3 * HOUR) },
      ])
      const all = await notifications("autopilot.shipment.all_delivered")
      expect(all).toHaveLength(1)
      expect(all[0].data).toMatchObject({
        all_delivered: true,
        parcels: { total: 3, delivered: 3 },
      })
      expect((await fulfillmentOf(fulfillmentId)).delivered_at).not.toBeNull()
      const rows = await shipments({ fulfillment_id: fulfillmentId })
      expect(rows.every((r) => r.delivered_marked_at)).toBe(true)
      await runJob(container, "shipment-tracking")
      expect(
        await notifications("autopilot.shipment.all_delivered")
      ).toHaveLength(1)
    })

    it("settles an order's parcels delivered in one poll together: a message each, one all-delivered, one delivered mark", async () => {
      const { orderId, fulfillmentId } = await shipOrder(["PB-1", "PB-2"])
      for (const number of ["PB-1", "PB-2"]) {
        fake.script(number, [
          { status: "in_transit", at: iso(-2 * HOUR) },
          { status: "delivered", at: iso(-HOUR) },
        ])
      }
      const ofOrder = async () =>
        (await notifications())
          .filter((n) => (n.data as { order_id?: string }).order_id === orderId)
          .map((n) => n.template)
          .sort()

      const run = await runJob(container, "shipment-tracking")

      expect(run.status).toBe("succeeded")
      expect(run.counters).toMatchObject({ failed: 0 })
      expect(run.summary).toMatchObject({
        actions: { "status:delivered": { count: 2 } },
      })
      expect(await ofOrder()).toEqual([
        "autopilot.shipment.all_delivered",
        "autopilot.shipment.delivered",
        "autopilot.shipment.delivered",
        "autopilot.shipment.shipped",
        "autopilot.shipment.shipped",
      ])
      expect((await fulfillmentOf(fulfillmentId)).delivered_at).not.toBeNull()
      const rows = await shipments({ fulfillment_id: fulfillmentId })
      expect(
        rows.map((r) => ({
          status: r.status,
          notify_pending: r.notify_pending,
          marked: !!r.delivered_marked_at,
          told: Object.keys(r.notified as Record<string, string>).sort(),
        }))
      ).toEqual(
        ["PB-1", "PB-2"].map(() => ({
          status: "delivered",
          notify_pending: false,
          marked: true,
          told: ["all_delivered", "delivered", "shipped"],
        }))
      )

      // Nothing is left to send or mark.
      await runJob(container, "shipment-tracking")
      expect(await ofOrder()).toHaveLength(5)
    })

    it("honours no_notification for the customer but still alerts the merchant about problems", async () => {
      const { fulfillmentId } = await shipOrder(["AS-5"], {
        noNotification: true,
      })
      expect(await shipmentOf("AS-5")).toMatchObject({ no_notification: true })
      await webhook("aftership", "AS-5", [
        { status: "exception", at: iso(-HOUR) },
      ])
      expect(await shipmentOf("AS-5")).toMatchObject({ status: "exception" })
      const merchant = await notifications(
        "autopilot.merchant.shipment_problem"
      )
      expect(merchant).toHaveLength(1)
      expect(merchant[0]).toMatchObject({ to: MERCHANT })
      // Progress after the exception, then delivered.
      await webhook("aftership", "AS-5", [{ status: "in_transit", at: iso(0) }])
      expect((await shipmentOf("AS-5")).status).toBe("in_transit")
      await webhook("aftership", "AS-5", [
        { status: "delivered", at: iso(HOUR) },
      ])
      expect((await fulfillmentOf(fulfillmentId)).delivered_at).not.toBeNull()
      const customer = (await notifications()).filter(
        (n) => n.to === "buyer@example.com"
      )
      expect(customer).toHaveLength(0)
    })

    it("customer problem messages and the merchant's return alert", async () => {
      await shipOrder(["AS-6"])
      await webhook("aftership", "AS-6", [
        { status: "attempt_failed", at: iso(-2 * HOUR) },
      ])
      const [problem] = await notifications("autopilot.shipment.problem")
      expect(problem.data).toMatchObject({
        problem: "attempt_failed",
        status: "attempt_failed",
      })
      await webhook("aftership", "AS-6", [
        { status: "returned_to_sender", at: iso(-HOUR) },
      ])
      expect(await shipmentOf("AS-6")).toMatchObject({
        status: "returned_to_sender",
        next_check_at: null,
      })
      const alerts = await notifications("autopilot.merchant.shipment_problem")
      expect(alerts.map((a) => (a.data as { status: string }).status)).toEqual([
        "returned_to_sender",
      ])
    })

    it("a provider without credentials is reported, not a crash; the admin lists shipments problems first", async () => {
      const { headers } = await createAdminUser(container)
      await shipOrder(["EP-1"])
      await shipOrder(["AS-7"])
      await webhook("aftership", "AS-7", [{ status: "exception", at: iso(0) }])
      expect(await shipmentOf("EP-1")).toMatchObject({ provider: "easypost" })
      const run = await runJob(container, "shipment-tracking")
      expect(run.status).toBe("succeeded")
      expect(run.summary!.notes).toContain(
        "easypost is disabled: missing providers.easypost.api_key"
      )
      expect(
        fake.requests.filter((r) => r.provider === "easypost")
      ).toHaveLength(0)
      const ep = await shipmentOf("EP-1")
      expect(ep.last_error).toBe("easypost is disabled")
      expect(new Date(ep.next_check_at!).getTime()).toBeGreaterThan(
        clock.now().getTime()
      )

      const { data } = await api.get("/admin/autopilot/shipments", { headers })
      expect(
        data.shipments.map(
          (s: { tracking_number: string }) => s.tracking_number
        )[0]
      ).toBe("AS-7")
      expect(data.count).toBe(2)
      expect(data.providers).toContainEqual(
        expect.objectContaining({
          name: "easypost",
          enabled: false,
          reason: "missing providers.easypost.api_key",
        })
      )
      const filtered = await api.get(
        "/admin/autopilot/shipments?status=exception",
        { headers }
      )
      expect(filtered.data.shipments).toHaveLength(1)
      const byOrder = await api.get(
        `/admin/autopilot/shipments?order_id=${ep.order_id}`,
        { headers }
      )
      expect(byOrder.data.shipments[0]).toMatchObject({
        tracking_number: "EP-1",
        events: [],
      })
      const bad = await api
        .get("/admin/autopilot/shipments?status=lost", { headers })
        .catch((e: { response: { status: number } }) => e.response)
      expect(bad.status).toBe(400)
    })

    it("backfills shipped fulfillments no one follows and moves sandbox parcels along across runs", async () => {
      const setting = (await ensureJobSettings(container)).get(
        "shipment-tracking"
      )!
      await service().updateJobSettings({
        id: setting.id,
        enabled: false,
        source: "admin",
      })
      const { fulfillmentId } = await shipOrder(["SBX-1"], { wait: false })
      await new Promise((r) => setTimeout(r, 1000))
      expect(await shipments({ fulfillment_id: fulfillmentId })).toHaveLength(0)
      await service().updateJobSettings({ id: setting.id, enabled: true })

      const run = await runJob(container, "shipment-tracking")
      expect(run.summary).toMatchObject({ actions: { start: { count: 1 } } })
      const statuses: string[] = [(await shipmentOf("SBX-1")).status]
      for (let i = 0; i < 4; i++) {
        clock.advance(25 * HOUR)
        await runJob(container, "shipment-tracking")
        statuses.push((await shipmentOf("SBX-1")).status)
      }
      expect(statuses).toEqual([
        "info_received",
        "in_transit",
        "out_for_delivery",
        "delivered",
        "delivered",
      ])
      expect((await fulfillmentOf(fulfillmentId)).delivered_at).not.toBeNull()
    })
  },
})
