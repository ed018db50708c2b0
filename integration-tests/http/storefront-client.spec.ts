import "../helpers/tick-env"
import Medusa from "@medusajs/js-sdk"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createCartWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { autopilotService } from "../../src/runtime/settings"
import { issueToken } from "../../src/runtime/tokens"
import {
  type AutopilotClient,
  AutopilotStoreError,
  createAutopilotClient,
} from "../../src/storefront"
import { setPluginOptions } from "../helpers/plugin-options"
import { shipOrder } from "../helpers/ship-order"
import {
  createShopFixture,
  setStock,
  type ShopFixture,
} from "../helpers/shop-fixture"
import { RELAXED_SIGNUP_LIMITS, storefrontHeaders } from "../helpers/store"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

setPluginOptions({
  storefrontUrl: "https://shop.example.com",
  jobs: {
    "restock-alerts": {
      options: { ...RELAXED_SIGNUP_LIMITS, double_opt_in: true },
    },
    "shipment-tracking": {
      options: {
        providers: { sandbox: { enabled: true } },
        default_provider: "sandbox",
      },
    },
  },
})

/** The refusal a call ended with (fails when it did not fail). */
async function refusal(call: Promise<unknown>): Promise<AutopilotStoreError> {
  try {
    await call
  } catch (e) {
    expect(e).toBeInstanceOf(AutopilotStoreError)
    return e as AutopilotStoreError
  }
  throw new Error("expected the call to be refused")
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let client: AutopilotClient

    beforeAll(async () => {
      const c = getContainer()
      shop = await createShopFixture(c, 10)
      const headers = await storefrontHeaders(c, shop.salesChannelId)
      // The storefront's own sdk instance, pointed at the test server.
      const sdk = new Medusa({
        baseUrl: String(api.defaults.baseURL),
        publishableKey: headers["x-publishable-api-key"],
      })
      client = createAutopilotClient(sdk)
    })
    beforeEach(() => {
      container = getContainer()
    })

    const notification = (
      template: string,
      match: (data: Record<string, unknown>) => boolean = () => true
    ) =>
      waitFor(
        async () =>
          (
            await container
              .resolve(Modules.NOTIFICATION)
              .listNotifications({}, { take: null })
          ).find(
            (n) =>
              n.template === template &&
              match((n.data ?? {}) as Record<string, unknown>)
          ),
        (n) => !!n,
        { what: template }
      ).then((n) => n!.data as Record<string, unknown>)

    const tokenIn = (url: unknown) =>
      new URL(String(url)).searchParams.get("token")!

    it("restock: subscribes, confirms and unsubscribes", async () => {
      await setStock(container, shop, 0)
      const signup = await client.restock.subscribe({
        variant_id: shop.variantId,
        email: "wait@example.com",
      })
      expect(signup).toMatchObject({
        restock_subscription: {
          variant_id: shop.variantId,
          sales_channel_id: shop.salesChannelId,
          status: "pending_confirmation",
        },
        created: true,
      })

      const mail = await notification("autopilot.restock.confirm")
      expect(
        await client.restock.confirm({ token: tokenIn(mail.confirm_url) })
      ).toEqual({ status: "active" })
      expect(
        await client.restock.unsubscribe({
          token: tokenIn(mail.unsubscribe_url),
        })
      ).toEqual({ status: "unsubscribed" })

      const bad = await refusal(client.restock.confirm({ token: "nope" }))
      expect(bad).toMatchObject({
        status: 400,
        type: "invalid_data",
        message: "This link is invalid or has expired",
        retryAfterSeconds: null,
      })
    })

    it("carts: recovers a cart and unsubscribes from reminders", async () => {
      const { result: cart } = await createCartWorkflow(container).run({
        input: {
          region_id: shop.regionId,
          sales_channel_id: shop.salesChannelId,
          email: "cart@example.com",
          currency_code: "eur",
        },
      })
      const recovery = await issueToken(
        container,
        "cart_recovery",
        cart.id,
        86_400_000
      )
      expect(await client.carts.recover({ token: recovery })).toEqual({
        cart_id: cart.id,
      })

      const lead = await autopilotService(container).createCartLeads({
        cart_id: cart.id,
        email: "cart@example.com",
      })
      const unsubscribe = await issueToken(
        container,
        "unsubscribe",
        lead.id,
        null
      )
      expect(await client.carts.unsubscribe({ token: unsubscribe })).toEqual({
        status: "unsubscribed",
      })
      expect(
        await autopilotService(container).listCartOptouts({
          email: "cart@example.com",
        })
      ).toHaveLength(1)
    })

    it("shipments: gets a link's parcel, looks an order up, and keeps 404 and 429 refusals typed", async () => {
      await shipOrder(container, shop, ["SBX-CLIENT-1"], {
        email: "parcel@example.com",
      })
      const shipped = await notification(
        "autopilot.shipment.shipped",
        (d) => d.tracking_number === "SBX-CLIENT-1"
      )
      const byLink = await client.shipments.get(
        shipped.tracking_token as string
      )
      expect(byLink.shipments).toEqual([
        expect.objectContaining({
          tracking_number: "SBX-CLIENT-1",
          tracking_url: "https://carrier.example/t/SBX-CLIENT-1",
          estimated_delivery: null,
        }),
      ])
      const displayId = byLink.order_display_id!
      const byOrder = await client.shipments.lookup({
        order_display_id: displayId,
        email: "parcel@example.com",
      })
      expect(byOrder).toEqual(byLink)

      const missing = await refusal(
        client.shipments.get({ token: "z".repeat(43) })
      )
      expect(missing).toMatchObject({
        status: 404,
        type: "not_found",
        message: "No shipment matches these details",
        retryAfterSeconds: null,
      })

      // Guessing the email of one order: refused after a few tries.
      let limited: AutopilotStoreError | undefined
      for (let i = 0; i < 25 && !limited; i++) {
        const e = await refusal(
          client.shipments.lookup({
            order_display_id: displayId,
            email: `guess${i}@example.com`,
          })
        )
        if (e.status === 429) limited = e
        else expect(e).toMatchObject({ status: 404, type: "not_found" })
      }
      expect(limited).toBeDefined()
      expect(limited!.type).toBe("too_many_requests")
      expect(limited!.message).toMatch(/try again in \d+ (second|minute)s?/)
      expect(limited!.retryAfterSeconds).toBeGreaterThan(0)
      expect(limited!.retryAfterSeconds).toBeLessThanOrEqual(3600)
    })
  },
})
