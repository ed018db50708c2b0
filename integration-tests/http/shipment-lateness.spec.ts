import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService } from "../../src/runtime/settings"
import {
  type FakeCarriers,
  type ScriptedEvent,
  startFakeCarriers,
} from "../../fakes/carriers"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { shipOrder as shipOrderWith } from "../helpers/ship-order"
import { runJob } from "../helpers/run-job"
import { createShopFixture, type ShopFixture } from "../helpers/shop-fixture"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

const HOUR = 3_600_000
const DAY = 24 * HOUR
const MERCHANT = "owner@shop.example.com"
const LATE = "autopilot.shipment.running_late"
const ALERT = "autopilot.merchant.shipment_late"

let fake: FakeCarriers
// Before the app boots: AfterShip, EasyPost, Shippo and 17TRACK all point at
// the local fake, each picked by the tracking number's prefix.
beforeAll(async () => {
  fake = await startFakeCarriers()
  const provider = (key: string) => ({
    api_key: key,
    base_url: fake.url,
    rate_limit_per_second: 50,
  })
  setPluginOptions({
    merchantEmail: MERCHANT,
    jobs: {
      "shipment-tracking": {
        options: {
          providers: {
            aftership: provider("as-test-key"),
            easypost: provider("ep-test-key"),
            shippo: { ...provider("shippo-test-key"), carrier: "usps" },
            "17track": provider("17-test-key"),
          },
          routing: [
            { provider: "easypost", tracking_number_pattern: "^EP" },
            { provider: "shippo", tracking_number_pattern: "^SH" },
            { provider: "17track", tracking_number_pattern: "^ST" },
          ],
          default_provider: "aftership",
          delay_grace_hours: 12,
          notify_customer_late: true,
          timeout_ms: 2000,
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
    /** Moves the clock to `ms` after `from`. */
    const advanceTo = (from: number, ms: number) =>
      clock.advance(from + ms - clock.now().getTime())
    const iso = (msFromNow: number) =>
      new Date(clock.now().getTime() + msFromNow).toISOString()

    const shipOrder = async (numbers: string[]) => {
      const { fulfillmentId } = await shipOrderWith(container, shop, numbers)
      await waitFor(
        () => shipments({ fulfillment_id: fulfillmentId }),
        (rows) =>
          rows.length === numbers.length &&
          rows.every((r) => !r.notify_pending),
        { what: "tracked shipments for the new shipment" }
      )
    }

    const run = async () => {
      const r = await runJob(container, "shipment-tracking")
      expect(r.status).toBe("succeeded")
      return r
    }

    it.each([
      ["AfterShip", "AS-L1"],
      ["EasyPost", "EP-L1"],
      ["Shippo", "SH-L1"],
      ["17TRACK", "ST-L1"],
    ])(
      "%s: a parcel past its estimate becomes delayed, alerting the merchant and the customer once",
      async (_name, number) => {
        await shipOrder([number])
        const t0 = clock.now().getTime()
        const estimate = iso(2 * DAY)
        const events: ScriptedEvent[] = [
          { status: "info_received", at: iso(-2 * HOUR) },
          {
            status: "in_transit",
            at: iso(-HOUR),
            estimated_delivery: estimate,
          },
        ]
        fake.script(number, events)
        await run()
        if ((await shipmentOf(number)).status === "pending") {
          // 17TRACK answers once the number is registered (the first check).
          clock.advance(7 * HOUR)
          await run()
        }
        expect(await shipmentOf(number)).toMatchObject({
          status: "in_transit",
          lateness: null,
        })
        expect(
          new Date((await shipmentOf(number)).estimated_delivery_at!)
        ).toEqual(new Date(estimate))

        // Past the estimate, within the 12 h grace: still on time.
        advanceTo(t0, 2 * DAY + 6 * HOUR)
        await run()
        expect((await shipmentOf(number)).lateness).toBeNull()
        expect(await notifications(ALERT)).toHaveLength(0)

        // Past the estimate plus grace: delayed, one alert, one message.
        advanceTo(t0, 2 * DAY + 13 * HOUR)
        const flagged = await run()
        const parcel = await shipmentOf(number)
        expect(parcel).toMatchObject({
          status: "in_transit",
          lateness: "delayed",
        })
        expect(new Date(parcel.late_since!)).toEqual(
          new Date(Date.parse(estimate) + 12 * HOUR)
        )
        expect(flagged.summary).toMatchObject({
          actions: { "status:late": { count: 1 } },
        })
        const alerts = await notifications(ALERT)
        expect(alerts).toHaveLength(1)
        expect(alerts[0]).toMatchObject({ to: MERCHANT })
        expect(alerts[0].data).toMatchObject({
          lateness: "delayed",
          tracking_number: number,
          estimated_delivery: new Date(estimate).toISOString(),
        })
        const told = await notifications(LATE)
        expect(told).toHaveLength(1)
        expect(told[0]).toMatchObject({ to: "buyer@example.com" })
        expect(told[0].data).toMatchObject({
          lateness: "delayed",
          estimated_delivery: new Date(estimate).toISOString(),
        })

        // Later runs send nothing again.
        for (let i = 0; i < 2; i++) {
          clock.advance(13 * HOUR)
          await run()
        }
        expect(await notifications(ALERT)).toHaveLength(1)
        expect(await notifications(LATE)).toHaveLength(1)
        expect((await shipmentOf(number)).lateness).toBe("delayed")

        // Delivery clears it.
        fake.script(number, [
          ...events,
          { status: "delivered", at: iso(-HOUR) },
        ])
        clock.advance(13 * HOUR)
        await run()
        expect(await shipmentOf(number)).toMatchObject({
          status: "delivered",
          lateness: null,
          late_since: null,
        })
      }
    )

    it("a parcel with no carrier event for its stall days is stalled once; a new event clears it", async () => {
      await shipOrder(["AS-S1"])
      const events: ScriptedEvent[] = [{ status: "in_transit", at: iso(-HOUR) }]
      fake.script("AS-S1", events)
      await run()

      // in_transit stalls after 7 days without an event (counted from the
      // shipping date here, a moment after the carrier's event).
      clock.advance(6 * DAY)
      await run()
      expect((await shipmentOf("AS-S1")).lateness).toBeNull()
      clock.advance(DAY + HOUR)
      const flagged = await run()
      expect(flagged.summary).toMatchObject({
        actions: { "status:stuck": { count: 1 } },
      })
      expect(await shipmentOf("AS-S1")).toMatchObject({
        status: "in_transit",
        lateness: "stalled",
      })
      const alerts = await notifications(ALERT)
      expect(alerts).toHaveLength(1)
      expect(alerts[0].data).toMatchObject({ lateness: "stalled" })
      expect(await notifications(LATE)).toHaveLength(1)

      clock.advance(13 * HOUR)
      await run()
      expect(await notifications(ALERT)).toHaveLength(1)

      // A scan in the same status is news: no longer stuck.
      fake.script("AS-S1", [
        ...events,
        { status: "in_transit", at: iso(-HOUR), message: "Arrived at hub" },
      ])
      clock.advance(13 * HOUR)
      await run()
      expect(await shipmentOf("AS-S1")).toMatchObject({
        status: "in_transit",
        lateness: null,
        late_since: null,
      })
      clock.advance(13 * HOUR)
      await run()
      expect((await shipmentOf("AS-S1")).lateness).toBeNull()
      expect(await notifications(ALERT)).toHaveLength(1)
      // The customer hears "running late" once per parcel.
      expect(await notifications(LATE)).toHaveLength(1)
    })

    it("a parcel still undelivered at max_tracking_days ends stalled and is listed for the merchant", async () => {
      const { headers } = await createAdminUser(container)
      await shipOrder(["AS-X1", "AS-X2"])
      fake.script("AS-X1", [{ status: "in_transit", at: iso(-HOUR) }])
      fake.script("AS-X2", [{ status: "in_transit", at: iso(-HOUR) }])
      await run()

      // Delivered in time: not listed.
      fake.script("AS-X2", [
        { status: "in_transit", at: iso(-HOUR) },
        { status: "delivered", at: iso(HOUR) },
      ])
      clock.advance(13 * HOUR)
      await run()
      expect((await shipmentOf("AS-X2")).status).toBe("delivered")

      clock.advance(31 * DAY)
      const ended = await run()
      expect(ended.summary).toMatchObject({ actions: { expire: { count: 1 } } })
      expect(await shipmentOf("AS-X1")).toMatchObject({
        status: "expired",
        lateness: "stalled",
        next_check_at: null,
      })
      const alerts = await notifications(ALERT)
      expect(alerts).toHaveLength(1)
      expect(alerts[0].data).toMatchObject({
        lateness: "stalled",
        tracking_number: "AS-X1",
      })

      const { data } = await api.get(
        "/admin/autopilot/shipments?lateness=stalled",
        { headers }
      )
      expect(
        data.shipments.map(
          (s: { tracking_number: string }) => s.tracking_number
        )
      ).toEqual(["AS-X1"])
      expect(data.shipments[0]).toMatchObject({
        status: "expired",
        lateness: "stalled",
      })
      const delayed = await api.get(
        "/admin/autopilot/shipments?lateness=delayed",
        { headers }
      )
      expect(delayed.data.shipments).toHaveLength(0)
      const bad = await api
        .get("/admin/autopilot/shipments?lateness=late", { headers })
        .catch((e: { response: { status: number } }) => e.response)
      expect(bad.status).toBe(400)

      clock.advance(2 * DAY)
      await run()
      expect(await notifications(ALERT)).toHaveLength(1)
    })
  },
})
