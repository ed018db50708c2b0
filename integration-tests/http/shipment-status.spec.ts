import "../helpers/tick-env"
import { createHmac } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createSalesChannelsWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService } from "../../src/runtime/settings"
import { issueToken } from "../../src/runtime/tokens"
import type { StoreShipmentStatusResponse } from "../../src/types"
import { setPluginOptions } from "../helpers/plugin-options"
import { shipOrder } from "../helpers/ship-order"
import { createShopFixture, type ShopFixture } from "../helpers/shop-fixture"
import { storefrontHeaders } from "../helpers/store"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

const DAY = 86_400_000

const STOREFRONT_SECRET = "storefront-secret-0123456789abcdef"
const SANDBOX_WEBHOOK_SECRET = "sandbox-webhook-secret-0123456789"

setPluginOptions({
  storefrontUrl: "https://shop.example.com/",
  jobs: {
    // The storefront secret lives with the signup limits; the lookup
    // finds the client the same way.
    "restock-alerts": {
      options: { storefront: { secret: STOREFRONT_SECRET } },
    },
    "shipment-tracking": {
      options: {
        providers: {
          sandbox: { enabled: true, webhook_secret: SANDBOX_WEBHOOK_SECRET },
        },
        default_provider: "sandbox",
      },
    },
  },
})

type Answer = { status: number; data: Record<string, unknown> }
type ApiError = { response: Answer }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let clock: ManualClock
    let storeHeaders: Record<string, string>
    let otherHeaders: Record<string, string>

    beforeAll(async () => {
      const c = getContainer()
      shop = await createShopFixture(c, 50)
      storeHeaders = await storefrontHeaders(c, shop.salesChannelId)
      const {
        result: [other],
      } = await createSalesChannelsWorkflow(c).run({
        input: { salesChannelsData: [{ name: "Other storefront" }] },
      })
      otherHeaders = await storefrontHeaders(c, other.id)
    })
    beforeEach(() => {
      container = getContainer()
      clock = new ManualClock(new Date())
      setClock(clock)
    })
    afterEach(() => resetClock())

    const service = () => autopilotService(container)

    const post = (
      path: string,
      body: unknown,
      headers: Record<string, string> = storeHeaders
    ) =>
      api.post(`/store/autopilot/shipments/${path}`, body, { headers }).then(
        (r: Answer) => ({ status: r.status, data: r.data }),
        (e: ApiError) => ({ status: e.response.status, data: e.response.data })
      )

    /** A shipped order and the data of its "shipped" message. */
    const shipped = async (number: string, email = "buyer@example.com") => {
      const { orderId } = await shipOrder(container, shop, [number], { email })
      const message = await waitFor(
        async () =>
          (
            await container
              .resolve(Modules.NOTIFICATION)
              .listNotifications({}, { take: null })
          ).find(
            (n) =>
              n.template === "autopilot.shipment.shipped" &&
              (n.data as Record<string, unknown>)?.tracking_number === number
          ),
        (n) => !!n,
        { what: "the shipped message" }
      )
      const { data } = await container
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({
          entity: "order",
          fields: ["display_id"],
          filters: { id: orderId },
        })
      const [parcel] = await service().listTrackedShipments({
        tracking_number: number,
      })
      return {
        orderId,
        displayId: (data[0] as { display_id: number }).display_id,
        parcel,
        data: message!.data as Record<string, unknown>,
      }
    }

    describe("POST /store/autopilot/shipments/status (tracking link)", () => {
      it("shows the parcel of a message's link; unknown and foreign tokens get one 404", async () => {
        const { data, parcel, displayId } = await shipped("SBX-STATUS-1")
        const token = data.tracking_token as string
        expect(token).toMatch(/^[\w-]{43}$/)
        expect(data.tracking_page_url).toBe(
          `https://shop.example.com/track/${token}`
        )

        const at = clock.now().getTime()
        await service().createShipmentEvents([
          {
            shipment_id: parcel.id,
            status: "in_transit",
            raw_status: "transit",
            message: "Arrived at the hub",
            location: "Leipzig, DE",
            occurred_at: new Date(at - 2 * 3_600_000),
            source: "webhook",
            applied: true,
            dedupe_key: "t1",
          },
          {
            shipment_id: parcel.id,
            status: "info_received",
            raw_status: "pre_transit",
            message: "Label created",
            location: null,
            occurred_at: new Date(at - 5 * 3_600_000),
            source: "poll",
            applied: true,
            dedupe_key: "t0",
          },
        ])

        const ok = await post("status", { token })
        expect(ok.status).toBe(200)
        const body = ok.data as unknown as StoreShipmentStatusResponse
        expect(body.order_display_id).toBe(displayId)
        expect(body.shipments).toHaveLength(1)
        expect(body.shipments[0]).toMatchObject({
          status: parcel.status,
          tracking_number: "SBX-STATUS-1",
          tracking_url: "https://carrier.example/t/SBX-STATUS-1",
          estimated_delivery: null,
          delivered_at: null,
          parcel: { index: 1, total: 1 },
        })
        expect(body.shipments[0].checkpoints).toEqual([
          {
            time: new Date(at - 5 * 3_600_000).toISOString(),
            status: "info_received",
            description: "Label created",
            place: null,
          },
          {
            time: new Date(at - 2 * 3_600_000).toISOString(),
            status: "in_transit",
            description: "Arrived at the hub",
            place: "Leipzig, DE",
          },
        ])

        const unknown = await post("status", { token: "x".repeat(43) })
        expect(unknown.status).toBe(404)
        expect(unknown.data).toEqual({
          type: "not_found",
          message: "No shipment matches these details",
        })
        // Another storefront's key, or another link's token: the same answer.
        expect(await post("status", { token }, otherHeaders)).toEqual(unknown)
        expect((await post("status", { token: "" })).status).toBe(400)
      })

      it("issues shipment_status tokens and still accepts the restock_alert links sent before", async () => {
        const { data, parcel } = await shipped("SBX-STATUS-4")
        const tokens = await service().listTokens({ subject_id: parcel.id })
        expect(tokens.map((t) => t.purpose)).toEqual(["shipment_status"])
        expect(
          (await post("status", { token: data.tracking_token })).status
        ).toBe(200)

        // A link from a message sent before the purpose existed.
        const legacy = await issueToken(
          container,
          "restock_alert",
          parcel.id,
          DAY
        )
        const old = await post("status", { token: legacy })
        expect(old.status).toBe(200)
        expect(
          (old.data as unknown as StoreShipmentStatusResponse).shipments[0]
            .tracking_number
        ).toBe("SBX-STATUS-4")

        // A real restock alert's token (its subject is no parcel) shows nothing.
        const alert = await issueToken(
          container,
          "restock_alert",
          "apsub_not_a_parcel",
          DAY
        )
        expect((await post("status", { token: alert })).status).toBe(404)
      })

      it("expires the link after the tracking window plus the grace period, or the grace period after delivery", async () => {
        const followed = await shipped("SBX-STATUS-2")
        const delivered = await shipped("SBX-STATUS-3")
        const followedToken = followed.data.tracking_token as string
        const deliveredToken = delivered.data.tracking_token as string
        const unknown = await post("status", { token: "y".repeat(43) })

        await service().updateTrackedShipments({
          id: delivered.parcel.id,
          status: "delivered",
          delivered_at: clock.now(),
        })
        clock.advance(13 * DAY)
        expect((await post("status", { token: deliveredToken })).status).toBe(
          200
        )
        clock.advance(2 * DAY) // 15 days after delivery
        expect(await post("status", { token: deliveredToken })).toEqual(unknown)

        // Still on its way: 30 tracking days + 14 grace days from shipping.
        expect((await post("status", { token: followedToken })).status).toBe(
          200
        )
        clock.advance(28 * DAY) // 43 days
        expect((await post("status", { token: followedToken })).status).toBe(
          200
        )
        clock.advance(2 * DAY) // 45 days
        expect(await post("status", { token: followedToken })).toEqual(unknown)
      })
    })

    describe("GET /store/autopilot/shipments/:token (tracking link in the path)", () => {
      const get = (token: string, headers = storeHeaders) =>
        api
          .get(`/store/autopilot/shipments/${encodeURIComponent(token)}`, {
            headers,
          })
          .then(
            (r: Answer & { headers: Record<string, string> }) => ({
              status: r.status,
              data: r.data,
              cache: r.headers["cache-control"],
            }),
            (e: ApiError) => ({
              status: e.response.status,
              data: e.response.data,
            })
          )

      it("answers as the POST form does, misses alike", async () => {
        const { data } = await shipped("SBX-GET-1")
        const token = data.tracking_token as string
        const viaPost = await post("status", { token })
        expect(viaPost.status).toBe(200)
        expect(await get(token)).toEqual({ ...viaPost, cache: "no-store" })

        const unknown = await post("status", { token: "z".repeat(43) })
        expect(await get("z".repeat(43))).toEqual(unknown)
        expect(await get(token, otherHeaders)).toEqual(unknown)
        // The static routes' names are no tokens either.
        expect(await get("status")).toEqual(unknown)
        expect((await get("t".repeat(201))).status).toBe(400)
      })
    })

    describe("the carrier's delivery estimate", () => {
      /** A signed sandbox webhook, as a carrier's push. */
      const push = (body: Record<string, unknown>) => {
        const raw = JSON.stringify(body)
        return api.post("/hooks/autopilot/tracking/sandbox", raw, {
          headers: {
            "content-type": "application/json",
            "x-sandbox-signature": createHmac("sha256", SANDBOX_WEBHOOK_SECRET)
              .update(raw)
              .digest("hex"),
          },
        })
      }

      it("is stored from the carrier's update and shown by both routes", async () => {
        const { data, parcel, displayId } = await shipped(
          "SBX-ESTIMATE-1",
          "estimate@example.com"
        )
        const token = data.tracking_token as string
        const before = await post("status", { token })
        expect(
          (before.data as unknown as StoreShipmentStatusResponse).shipments[0]
            .estimated_delivery
        ).toBeNull()

        const estimate = new Date(clock.now().getTime() + 3 * DAY)
        const pushed = await push({
          number: "SBX-ESTIMATE-1",
          status: "in_transit",
          message: "Departed the hub",
          occurred_at: clock.now().toISOString(),
          estimated_delivery: estimate.toISOString(),
        })
        expect(pushed.status).toBeLessThan(300)
        const [stored] = await waitFor(
          () => service().listTrackedShipments({ id: parcel.id }),
          ([p]) => !!p?.estimated_delivery_at,
          { what: "the stored estimate" }
        )
        expect(new Date(stored.estimated_delivery_at!).toISOString()).toBe(
          estimate.toISOString()
        )

        const byToken = await post("status", { token })
        const byOrder = await post("lookup", {
          order_display_id: displayId,
          email: "estimate@example.com",
        })
        for (const answer of [byToken, byOrder]) {
          expect(answer.status).toBe(200)
          expect(
            (answer.data as unknown as StoreShipmentStatusResponse).shipments[0]
              .estimated_delivery
          ).toBe(estimate.toISOString())
        }
      })
    })

    describe("POST /store/autopilot/shipments/lookup (order number and email)", () => {
      it("finds the parcels by order number and email, and answers every miss alike", async () => {
        const { displayId } = await shipped(
          "SBX-LOOKUP-1",
          "finder@example.com"
        )

        const ok = await post("lookup", {
          order_display_id: displayId,
          email: " Finder@Example.com ".trim(),
        })
        expect(ok.status).toBe(200)
        const body = ok.data as unknown as StoreShipmentStatusResponse
        expect(body.order_display_id).toBe(displayId)
        expect(body.shipments.map((s) => s.tracking_number)).toEqual([
          "SBX-LOOKUP-1",
        ])

        const wrongEmail = await post("lookup", {
          order_display_id: displayId,
          email: "someone@example.com",
        })
        const unknownOrder = await post("lookup", {
          order_display_id: displayId + 100_000,
          email: "finder@example.com",
        })
        expect(wrongEmail.status).toBe(404)
        expect(wrongEmail).toEqual(unknownOrder)
        expect(wrongEmail.data).toEqual({
          type: "not_found",
          message: "No shipment matches these details",
        })
        // Another storefront's key, right details: the same miss.
        expect(
          await post(
            "lookup",
            { order_display_id: displayId, email: "finder@example.com" },
            otherHeaders
          )
        ).toEqual(wrongEmail)

        const invalid = await post("lookup", {
          order_display_id: "1",
          email: "finder@example.com",
        })
        expect(invalid.status).toBe(400)
      })

      it("counts the shopper a storefront server names with its secret, and refuses a wrong secret", async () => {
        const { displayId } = await shipped("SBX-LOOKUP-2", "proxy@example.com")
        const body = { order_display_id: displayId, email: "proxy@example.com" }
        const named = await post("lookup", body, {
          ...storeHeaders,
          "x-autopilot-storefront-secret": STOREFRONT_SECRET,
          "x-autopilot-client-ip": "203.0.113.7",
        })
        expect(named.status).toBe(200)
        const wrong = await post("lookup", body, {
          ...storeHeaders,
          "x-autopilot-storefront-secret": "not-the-secret-0123456789abcdef",
          "x-autopilot-client-ip": "203.0.113.7",
        })
        expect(wrong).toEqual({
          status: 401,
          data: {
            type: "unauthorized",
            message: "The storefront secret does not match this shop's",
          },
        })
      })
    })
  },
})
