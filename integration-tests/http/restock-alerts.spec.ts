import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import {
  completeCartWorkflow,
  createReservationsWorkflow,
  deleteReservationsWorkflow,
  updateProductVariantsWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService } from "../../src/runtime/settings"
import { createAdminUser } from "../helpers/admin"
import { captureEvents } from "../helpers/events"
import { setPluginOptions } from "../helpers/plugin-options"
import { storefrontHeaders } from "../helpers/store"
import { runJob } from "../helpers/run-job"
import {
  cartAtPayment,
  createShopFixture,
  setStock,
  type ShopFixture,
} from "../helpers/shop-fixture"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

setPluginOptions({
  storefrontUrl: "https://shop.example.com",
  jobs: {
    "restock-alerts": {
      options: {
        ip_limit: { max: 1000, window_minutes: 10 },
        email_limit: { max: 1000, window_minutes: 60 },
      },
    },
  },
})

type ApiError = {
  response: {
    status: number
    data: { type: string; message: string }
    headers: Record<string, string>
  }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let storeHeaders: Record<string, string>
    let adminHeaders: Record<string, string>

    beforeAll(async () => {
      const c = getContainer()
      shop = await createShopFixture(c, 0) // sold out
      storeHeaders = await storefrontHeaders(c, shop.salesChannelId)
    })

    beforeEach(async () => {
      container = getContainer()
      adminHeaders = (await createAdminUser(container)).headers
    })

    const signup = (body: Record<string, unknown>, headers = storeHeaders) =>
      api.post("/store/restock-subscriptions", body, { headers })
    const signupError = (
      body: Record<string, unknown>,
      headers = storeHeaders
    ) =>
      signup(body, headers).then(
        () => {
          throw new Error("expected the signup to be refused")
        },
        (e: ApiError) => e.response
      )
    const subs = (filters: Record<string, unknown> = {}) =>
      autopilotService(container).listRestockSubscriptions(filters, {
        take: null,
        order: { created_at: "ASC" },
      })
    const sentWith = async (template: string) =>
      (
        await container.resolve(Modules.NOTIFICATION).listNotifications({})
      ).filter((n) => n.template === template)
    const setJobOptions = (options: Record<string, unknown>) =>
      api.post(
        "/admin/autopilot/jobs/restock-alerts",
        { options },
        { headers: adminHeaders }
      )
    const subscribeMany = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await signup({
          variant_id: shop.variantId,
          email: `shopper${i}@example.com`,
        })
      }
    }
    const queued = () =>
      autopilotService(container).listRestockQueues({
        variant_id: shop.variantId,
      })
    /** Waits for the stock-event subscriber to queue the variant. */
    const waitQueued = () =>
      waitFor(queued, (q) => q.length === 1, {
        what: "the variant to be queued",
      })

    describe("signup", () => {
      it("creates a subscription (201) and returns the same one again (200)", async () => {
        const first = await signup({
          variant_id: shop.variantId,
          email: "Ann@Example.com",
          locale: "de-DE",
        })
        expect(first.status).toBe(201)
        expect(first.data.restock_subscription).toEqual({
          id: expect.stringMatching(/^aprs_/),
          variant_id: shop.variantId,
          sales_channel_id: shop.salesChannelId,
          status: "active",
        })
        const again = await signup({
          variant_id: shop.variantId,
          email: "ann@example.com",
        })
        expect(again.status).toBe(200)
        expect(again.data.restock_subscription.id).toBe(
          first.data.restock_subscription.id
        )
        expect(await subs()).toHaveLength(1)
        expect((await subs())[0]).toMatchObject({
          email: "ann@example.com",
          locale: "de-DE",
        })
      })

      it("answers every error path with a clear 4xx and writes nothing", async () => {
        const cases: [Record<string, unknown>, number, string, RegExp][] = [
          [
            { variant_id: shop.variantId, email: "not-an-email" },
            400,
            "invalid_data",
            /email/,
          ],
          [
            {
              variant_id: shop.variantId,
              email: "a@example.com",
              colour: "red",
            },
            400,
            "invalid_data",
            /colour/,
          ],
          [
            { variant_id: shop.variantId },
            400,
            "invalid_data",
            /email is required/,
          ],
          [{ email: "a@example.com" }, 400, "invalid_data", /variant_id/],
          [
            { variant_id: "variant_missing", email: "a@example.com" },
            404,
            "not_found",
            /not sold/,
          ],
          [
            {
              variant_id: shop.variantId,
              email: "a@example.com",
              sales_channel_id: "sc_other",
            },
            400,
            "invalid_data",
            /sales_channel_id/,
          ],
          [
            {
              variant_id: shop.variantId,
              email: "a@example.com",
              locale: "not a locale!",
            },
            400,
            "invalid_data",
            /locale/,
          ],
        ]
        for (const [body, status, type, message] of cases) {
          const res = await signupError(body)
          expect([res.status, res.data.type]).toEqual([status, type])
          expect(res.data.message).toMatch(message)
        }
        const noKey = await signupError(
          { variant_id: shop.variantId, email: "a@example.com" },
          {}
        )
        expect(noKey.status).toBe(400)

        await setStock(container, shop, 4)
        const inStock = await signupError({
          variant_id: shop.variantId,
          email: "a@example.com",
        })
        expect([inStock.status, inStock.data.type]).toEqual([
          400,
          "invalid_data",
        ])
        expect(inStock.data.message).toMatch(/in stock/)
        expect(await subs()).toHaveLength(0)
      })

      it("limits signups per IP with 429 and Retry-After; repeats do not count per email", async () => {
        await setJobOptions({ ip_limit: { max: 3, window_minutes: 10 } })
        for (let i = 0; i < 3; i++) {
          await signup({
            variant_id: shop.variantId,
            email: `ip${i}@example.com`,
          })
        }
        const limited = await signupError({
          variant_id: shop.variantId,
          email: "ip9@example.com",
        })
        expect(limited.status).toBe(429)
        expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0)
        expect(limited.data.message).toMatch(
          /^Too many sign-ups from your network right now; please try again in \d+ minutes\.$/
        )

        // Only new subscriptions count against email_limit (see
        // restock-limits.spec.ts): repeated signups take no point.
        await setJobOptions({
          ip_limit: { max: 1000, window_minutes: 10 },
          email_limit: { max: 2, window_minutes: 60 },
        })
        const first = await signup({
          variant_id: shop.variantId,
          email: "same@example.com",
        })
        expect(first.status).toBe(201)
        for (let i = 0; i < 3; i++) {
          const again = await signup({
            variant_id: shop.variantId,
            email: "same@example.com",
          })
          expect(again.status).toBe(200)
        }
      })

      it("double opt-in: pending until the link confirms it, one confirmation only", async () => {
        await setJobOptions({ double_opt_in: true })
        const res = await signup({
          variant_id: shop.variantId,
          email: "bo@example.com",
        })
        expect(res.data.restock_subscription.status).toBe(
          "pending_confirmation"
        )
        await signup({ variant_id: shop.variantId, email: "bo@example.com" })
        const confirmations = await sentWith("autopilot.restock.confirm")
        expect(confirmations).toHaveLength(1)
        const url = new URL(String(confirmations[0].data!.confirm_url))
        expect(url.origin).toBe("https://shop.example.com")
        const token = url.searchParams.get("token")!
        expect(token.length).toBeGreaterThanOrEqual(43) // 256 bits, base64url

        const bad = await api
          .post(
            "/store/autopilot/confirm",
            { token: "x".repeat(43) },
            { headers: storeHeaders }
          )
          .catch((e: ApiError) => e.response)
        expect([bad.status, bad.data.message]).toEqual([
          400,
          "This link is invalid or has expired",
        ])

        const ok = await api.post(
          "/store/autopilot/confirm",
          { token },
          { headers: storeHeaders }
        )
        expect(ok.data).toEqual({ status: "active" })
        expect((await subs())[0]).toMatchObject({ status: "active" })
        expect((await subs())[0].confirmed_at).not.toBeNull()
        // The token is stored only as a hash.
        const tokens = await autopilotService(container).listTokens({})
        expect(tokens.some((t) => t.hash === token)).toBe(false)
      })
    })

    describe("alerts", () => {
      it("alerts in a wave sized to the stock, then stops when the stock is gone", async () => {
        await subscribeMany(5)
        await setStock(container, shop, 1) // updateInventoryLevelsWorkflow
        await waitQueued()
        const sentEvents = captureEvents<Record<string, unknown>>(
          container,
          "autopilot.restock.alert_sent"
        )
        const run = await runJob(container, "restock-alerts")
        expect(run.status).toBe("succeeded")
        const alerts = await sentWith("autopilot.restock.available")
        // One event per alert sent, naming the subscription and the variant.
        await waitFor(
          async () => sentEvents.events,
          (e) => e.length === 3,
          { what: "autopilot.restock.alert_sent" }
        )
        sentEvents.stop()
        const alerted = await subs({ status: "notified" })
        expect(sentEvents.events.map((e) => e.id).sort()).toEqual(
          alerted.map((s) => s.id).sort()
        )
        for (const e of sentEvents.events) {
          expect(e).toMatchObject({
            variant_id: shop.variantId,
            notification_id: expect.any(String),
          })
        }
        // Q = 1, wave_factor 3 → the 3 oldest of 5.
        expect(alerts.map((a) => a.to).sort()).toEqual([
          "shopper0@example.com",
          "shopper1@example.com",
          "shopper2@example.com",
        ])
        expect(alerts[0].data).toMatchObject({
          product_title: "Test tee",
          available: 1,
        })
        expect(String(alerts[0].data!.unsubscribe_url)).toMatch(
          /^https:\/\/shop\.example\.com\/autopilot\/unsubscribe\?token=/
        )
        expect((await subs({ status: "active" })).map((s) => s.email)).toEqual([
          "shopper3@example.com",
          "shopper4@example.com",
        ])
        expect(await queued()).toHaveLength(1) // stock and shoppers remain

        // Sold out again before the next wave: the re-check stops it.
        await setStock(container, shop, 0)
        await runJob(container, "restock-alerts")
        expect(await sentWith("autopilot.restock.available")).toHaveLength(3)
        expect(await queued()).toHaveLength(0)
        expect(await subs({ status: "active" })).toHaveLength(2)

        const demand = await api.get("/admin/autopilot/restock-demand", {
          headers: adminHeaders,
        })
        expect(demand.data.restock_demand[0]).toMatchObject({
          variant_id: shop.variantId,
          waiting: 2,
          last_wave: { size: 3, sent: 3, available: 1 },
        })
        const csv = await api.get(
          "/admin/autopilot/restock-demand?format=csv",
          {
            headers: adminHeaders,
          }
        )
        expect(csv.headers["content-type"]).toMatch(/text\/csv/)
        expect(csv.data).toMatch(
          new RegExp(`^variant_id,.*\\n${shop.variantId},Test tee,M,`)
        )
        const listed = await api.get(
          `/admin/autopilot/restock-subscriptions?variant_id=${shop.variantId}&status=notified&q=shopper1`,
          { headers: adminHeaders }
        )
        expect(
          listed.data.restock_subscriptions.map(
            (s: { email: string }) => s.email
          )
        ).toEqual(["shopper1@example.com"])
      })

      it("a released reservation makes stock available", async () => {
        await setStock(container, shop, 1)
        const {
          result: [reservation],
        } = await createReservationsWorkflow(container).run({
          input: {
            reservations: [
              {
                inventory_item_id: shop.inventoryItemId,
                location_id: shop.locationId,
                quantity: 1,
              },
            ],
          },
        })
        await signup({
          variant_id: shop.variantId,
          email: "waiting@example.com",
        })
        await deleteReservationsWorkflow(container).run({
          input: { ids: [reservation.id] },
        })
        await waitQueued()
        await runJob(container, "restock-alerts")
        expect(
          (await sentWith("autopilot.restock.available")).map((a) => a.to)
        ).toEqual(["waiting@example.com"])
      })

      it("a variant that starts allowing backorders alerts everyone waiting", async () => {
        await subscribeMany(4)
        await updateProductVariantsWorkflow(container).run({
          input: {
            selector: { id: shop.variantId },
            update: { allow_backorder: true },
          },
        })
        await waitQueued()
        await runJob(container, "restock-alerts")
        expect(await sentWith("autopilot.restock.available")).toHaveLength(4)
        // And it can no longer be signed up for: it can be bought.
        const res = await signupError({
          variant_id: shop.variantId,
          email: "late@example.com",
        })
        expect(res.status).toBe(400)
      })

      it("two runs at once send nothing twice; a dry run sends nothing", async () => {
        await subscribeMany(3)
        await setStock(container, shop, 5)
        await waitQueued()
        const dry = await runJob(container, "restock-alerts", { dryRun: true })
        expect(dry.summary).toMatchObject({
          actions: { "would-alert": { count: 3 } },
        })
        expect(await sentWith("autopilot.restock.available")).toHaveLength(0)
        expect(await queued()).toHaveLength(1)

        const runs = await Promise.all([
          runJob(container, "restock-alerts"),
          runJob(container, "restock-alerts"),
        ])
        expect(runs.map((r) => r.status).sort()).toEqual([
          "queued",
          "succeeded",
        ])
        await runJob(container, "restock-alerts")
        expect(await sentWith("autopilot.restock.available")).toHaveLength(3)
      })

      it("expires signups left waiting longer than expire_after_days", async () => {
        await signup({
          variant_id: shop.variantId,
          email: "patient@example.com",
        })
        const clock = new ManualClock(new Date(Date.now() + 91 * 86_400_000))
        setClock(clock)
        try {
          const run = await runJob(container, "restock-alerts")
          expect(run.summary).toMatchObject({
            actions: { expire: { count: 1 } },
          })
        } finally {
          resetClock()
        }
        const [expired] = await subs({ email: "patient@example.com" })
        expect(expired.status).toBe("expired")
        expect(expired.expired_at).not.toBeNull()
      })

      it("unsubscribes with the link, and an order after the alert converts", async () => {
        await subscribeMany(2)
        await setStock(container, shop, 3)
        await waitQueued()
        await runJob(container, "restock-alerts")
        const [first, second] = await sentWith("autopilot.restock.available")
        const token = new URL(
          String(first.data!.unsubscribe_url)
        ).searchParams.get("token")!
        const res = await api.post(
          "/store/autopilot/unsubscribe",
          { token },
          { headers: storeHeaders }
        )
        expect(res.data).toEqual({ status: "unsubscribed" })
        const bad = await api
          .post(
            "/store/autopilot/unsubscribe",
            { token: "nope" },
            { headers: storeHeaders }
          )
          .catch((e: ApiError) => e.response)
        expect([bad.status, bad.data.message]).toEqual([
          400,
          "This link is invalid or has expired",
        ])
        expect((await subs({ email: first.to }))[0].status).toBe("unsubscribed")

        // The other shopper buys the variant: a conversion.
        const { cartId } = await cartAtPayment(container, shop, {
          email: second.to,
          providerId: "pp_system_default",
        })
        const { result } = await completeCartWorkflow(container).run({
          input: { id: cartId },
        })
        const converted = await waitFor(
          () => subs({ email: second.to }),
          (s) => !!s[0]?.converted_at,
          { what: "the conversion" }
        )
        expect(converted[0].converted_order_id).toBe(result.id)
      })
    })
  },
})
