import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  completeCartWorkflow,
  createCustomersWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { autopilotService } from "../../src/runtime/settings"
import type {
  CustomerActivityResponse,
  OverviewResponse,
  ProductRestockResponse,
} from "../../src/types"
import { createAdminUser } from "../helpers/admin"
import {
  cartAtPayment,
  createShopFixture,
  type ShopFixture,
} from "../helpers/shop-fixture"
import { waitFor } from "../helpers/wait"

jest.setTimeout(240_000)

const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY)

type ApiError = {
  response: { status: number; data: { type: string; message: string } }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let headers: Record<string, string>
    /** The order that followed an alert within the window, and its total. */
    let boughtOrder: { id: string; total: number }
    let buyerCustomerId: string

    const overview = async (days?: number) =>
      (
        await api.get<OverviewResponse>(
          `/admin/autopilot/overview${days ? `?days=${days}` : ""}`,
          { headers }
        )
      ).data.overview

    /** An alerted shopper who then buys the variant `boughtDaysAfter` days later (the order is placed now). */
    async function alertThenBuy(email: string, alertedDaysAgo: number) {
      const service = autopilotService(container)
      const [sub] = await service.createRestockSubscriptions([
        {
          variant_id: shop.variantId,
          sales_channel_id: shop.salesChannelId,
          email,
          status: "notified",
          active_since: ago(alertedDaysAgo + 1),
          notified_at: ago(alertedDaysAgo),
        },
      ])
      const { cartId } = await cartAtPayment(container, shop, {
        email,
        providerId: "pp_system_default",
      })
      const { result } = await completeCartWorkflow(container).run({
        input: { id: cartId },
      })
      return { subscriptionId: sub.id, orderId: result.id }
    }

    beforeAll(async () => {
      container = getContainer()
      headers = (await createAdminUser(container)).headers
      shop = await createShopFixture(container, 100)
      const service = autopilotService(container)

      // Payment recovery: two recovered by Autopilot in two currencies, one
      // completed elsewhere (not the plugin's), one 40 days ago.
      const recovery = (over: Record<string, unknown>, i: number) => ({
        payment_session_id: `payses_overview_${i}`,
        payment_collection_id: `paycol_overview_${i}`,
        cart_id: `cart_overview_pay_${i}`,
        provider_id: "pp_system_default",
        amount: 40,
        currency_code: "eur",
        session_created_at: ago(45),
        status: "recovered" as const,
        resolution: "autopilot",
        recovered_at: ago(2),
        ...over,
      })
      await service.createPaymentRecoveries([
        recovery({}, 1),
        recovery(
          { amount: 10.5, currency_code: "usd", recovered_at: ago(1) },
          2
        ),
        recovery({ resolution: "elsewhere" }, 3),
        recovery({ recovered_at: ago(40) }, 4),
        recovery(
          { status: "pending", resolution: null, recovered_at: null },
          5
        ),
      ])

      // Cart reminders: recovered after the 2nd and the 1st reminder; a
      // lead that became an order without any reminder does not count.
      const lead = (over: Record<string, unknown>, i: number) => ({
        cart_id: `cart_overview_lead_${i}`,
        email: `lead${i}@example.com`,
        currency_code: "eur",
        status: "recovered" as const,
        reminders_sent: 2,
        recovered_order_id: `order_overview_${i}`,
        recovered_total: 30,
        recovered_at: ago(3),
        ...over,
      })
      await service.createCartLeads([
        lead({}, 1),
        lead({ reminders_sent: 1, recovered_total: 12.25 }, 2),
        lead({ reminders_sent: 0 }, 3),
        lead(
          {
            status: "open",
            recovered_at: null,
            recovered_total: null,
            recovered_order_id: null,
          },
          4
        ),
      ])

      // Parcels: one delivered yesterday, one with an exception, one
      // delivered 50 days ago.
      const parcel = (over: Record<string, unknown>, i: number) => ({
        provider: "sandbox",
        tracking_number: `OVERVIEW-${i}`,
        fulfillment_id: `ful_overview_${i}`,
        status: "delivered" as const,
        progress_status: "delivered" as const,
        started_at: ago(5),
        delivered_at: ago(1),
        ...over,
      })
      const parcels = await service.createTrackedShipments([
        parcel({}, 1),
        parcel(
          {
            status: "exception",
            progress_status: "in_transit",
            delivered_at: null,
          },
          2
        ),
        parcel({ delivered_at: ago(50) }, 3),
      ])
      await service.createShipmentEvents([
        {
          shipment_id: parcels[1].id,
          status: "exception",
          occurred_at: ago(1),
          source: "poll",
          applied: true,
          dedupe_key: "overview-exception",
        },
        {
          shipment_id: parcels[1].id,
          status: "in_transit",
          occurred_at: ago(2),
          source: "poll",
          applied: true,
          dedupe_key: "overview-transit",
        },
      ])

      // Inventory: one finding fixed today, one still open.
      const finding = (over: Record<string, unknown>, i: number) => ({
        type: "orphaned_reservation" as const,
        fingerprint: `overview-${i}`,
        mode: "fix" as const,
        status: "fixed" as const,
        details: {},
        first_seen_at: ago(1),
        last_seen_at: ago(0),
        fixed_at: ago(0),
        ...over,
      })
      await service.createInventoryFindings([
        finding({}, 1),
        finding({ status: "open", fixed_at: null }, 2),
      ])

      // Back in stock: alerted 2 days before buying (within the 7-day
      // window) and 10 days before (outside it); a third alert, no order.
      const {
        result: [buyer],
      } = await createCustomersWorkflow(container).run({
        input: { customersData: [{ email: "fan.within@example.com" }] },
      })
      buyerCustomerId = buyer.id
      const within = await alertThenBuy("fan.within@example.com", 2)
      const outside = await alertThenBuy("fan.outside@example.com", 10)
      await service.createRestockSubscriptions([
        {
          variant_id: shop.variantId,
          sales_channel_id: shop.salesChannelId,
          email: "fan.waiting@example.com",
          status: "notified",
          notified_at: ago(4),
        },
      ])
      await waitFor(
        () => service.retrieveRestockSubscription(within.subscriptionId),
        (s) => !!s.converted_at,
        { what: "the conversion within the window" }
      )
      // The subscriber ran for the other order too (same event, same
      // process): it must have left the late one alone.
      const late = await service.retrieveRestockSubscription(
        outside.subscriptionId
      )
      expect(late.converted_at).toBeNull()

      const { data } = await container
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({
          entity: "order",
          fields: ["id", "total"],
          filters: { id: within.orderId },
        })
      boughtOrder = { id: within.orderId, total: Number(data[0].total) }
      expect(boughtOrder.total).toBeGreaterThan(0)
    })

    it("adds up the last 30 days by default, per currency and per day", async () => {
      const o = await overview()
      expect(o.days).toBe(30)
      expect(o.dates).toHaveLength(30)
      expect(o.dates.at(-1)).toBe(new Date().toISOString().slice(0, 10))
      const dayIndex = (daysAgo: number) =>
        o.dates.indexOf(ago(daysAgo).toISOString().slice(0, 10))

      expect(o.payment_recovery.orders).toBe(2)
      expect(o.payment_recovery.totals).toEqual([
        { currency_code: "eur", amount: 40 },
        { currency_code: "usd", amount: 10.5 },
      ])
      expect(o.payment_recovery.daily[dayIndex(2)]).toBeGreaterThanOrEqual(1)
      expect(o.payment_recovery.daily.reduce((a, b) => a + b, 0)).toBe(2)

      expect(o.cart_recovery.carts).toBe(2)
      expect(o.cart_recovery.totals).toEqual([
        { currency_code: "eur", amount: 42.25 },
      ])
      expect(o.cart_recovery.by_step).toEqual([
        { step: 1, carts: 1 },
        { step: 2, carts: 1 },
      ])

      expect(o.restock.attribution_days).toBe(7)
      expect(o.restock.alerts).toBe(3)
      expect(o.restock.orders).toBe(1)
      expect(o.restock.totals).toEqual([
        { currency_code: "eur", amount: boughtOrder.total },
      ])
      expect(o.restock.daily_orders.at(-1)).toBe(1)
      expect(o.restock.daily_alerts.reduce((a, b) => a + b, 0)).toBe(3)

      expect(o.shipments.delivered).toBe(1)
      expect(o.shipments.problems).toBe(1)
      expect(o.shipments.daily_delivered[dayIndex(1)]).toBe(1)
      expect(o.shipments.daily_problems[dayIndex(1)]).toBe(1)

      expect(o.inventory.fixed).toBe(1)
      expect(o.inventory.daily.at(-1)).toBe(1)
    })

    it("follows the period: 7 days leave older rows out, 90 take them in", async () => {
      const week = await overview(7)
      expect(week.dates).toHaveLength(7)
      expect(week.restock.alerts).toBe(2) // the alert 10 days ago is older
      expect(week.payment_recovery.orders).toBe(2)

      const quarter = await overview(90)
      expect(quarter.payment_recovery.orders).toBe(3)
      expect(quarter.payment_recovery.totals[0]).toEqual({
        currency_code: "eur",
        amount: 80,
      })
      expect(quarter.shipments.delivered).toBe(2)
    })

    it("applies a shorter attribution window at once", async () => {
      const service = autopilotService(container)
      const [setting] = await service.listJobSettings({
        job_name: "restock-alerts",
      })
      await api.post(
        "/admin/autopilot/jobs/restock-alerts",
        { options: { ...(setting?.options ?? {}), conversion_days: 1 } },
        { headers }
      )
      try {
        const o = await overview()
        expect(o.restock.attribution_days).toBe(1)
        expect(o.restock.orders).toBe(0)
        expect(o.restock.totals).toEqual([])
      } finally {
        await api.post(
          "/admin/autopilot/jobs/restock-alerts",
          { options: { ...(setting?.options ?? {}), conversion_days: 7 } },
          { headers }
        )
      }
    })

    it("answers 400 for a period it does not offer", async () => {
      for (const bad of ["0", "366", "2.5", "abc", "-7"]) {
        const res = await api
          .get(`/admin/autopilot/overview?days=${bad}`, { headers })
          .catch((e: ApiError) => e.response)
        expect([bad, res.status, res.data.type]).toEqual([
          bad,
          400,
          "invalid_data",
        ])
      }
      const extra = await api
        .get(`/admin/autopilot/overview?days=30&from=2026-01-01`, { headers })
        .catch((e: ApiError) => e.response)
      expect(extra.status).toBe(400)
      const anonymous = await api
        .get(`/admin/autopilot/overview`)
        .catch((e: ApiError) => e.response)
      expect(anonymous.status).toBe(401)
    })

    it("names each variant's demand for the product widget", async () => {
      const { data: products } = await container
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({
          entity: "product_variant",
          fields: ["product_id"],
          filters: { id: shop.variantId },
        })
      const productId = (products[0] as { product_id: string }).product_id
      const res = await api.get<ProductRestockResponse>(
        `/admin/autopilot/products/${productId}/restock`,
        { headers }
      )
      const variant = res.data.variants.find(
        (v) => v.variant_id === shop.variantId
      )
      expect(variant).toMatchObject({ waiting: 0, alerted: 3, bought: 1 })
      expect(variant?.title).toBeTruthy()

      const missing = await api
        .get(`/admin/autopilot/products/prod_nope/restock`, { headers })
        .catch((e: ApiError) => e.response)
      expect(missing.status).toBe(404)
      const bad = await api
        .get(`/admin/autopilot/products/nope/restock`, { headers })
        .catch((e: ApiError) => e.response)
      expect(bad.status).toBe(400)
    })

    it("lists a customer's signups, carts and opt-out for the customer widget", async () => {
      const service = autopilotService(container)
      await service.createCartOptouts([{ email: "fan.within@example.com" }])
      const res = await api.get<CustomerActivityResponse>(
        `/admin/autopilot/customers/${buyerCustomerId}`,
        { headers }
      )
      const c = res.data.customer
      expect(c.email).toBe("fan.within@example.com")
      expect(c.restock_signups).toHaveLength(1)
      expect(c.restock_signups[0]).toMatchObject({
        variant_id: shop.variantId,
        status: "notified",
        converted_order_id: boughtOrder.id,
      })
      expect(c.restock_signups[0].converted_order_display_id).toEqual(
        expect.any(Number)
      )
      expect(c.cart_reminders_opt_out?.since).toEqual(expect.any(String))

      const other = await container
        .resolve(Modules.CUSTOMER)
        .createCustomers({ email: "nobody@example.com" })
      const empty = await api.get<CustomerActivityResponse>(
        `/admin/autopilot/customers/${other.id}`,
        { headers }
      )
      expect(empty.data.customer).toMatchObject({
        restock_signups: [],
        cart_leads: [],
        cart_reminders_opt_out: null,
      })
      const missing = await api
        .get(`/admin/autopilot/customers/cus_nope`, { headers })
        .catch((e: ApiError) => e.response)
      expect(missing.status).toBe(404)
    })
  },
})
