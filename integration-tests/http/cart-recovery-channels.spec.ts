import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  completeCartWorkflow,
  createCartWorkflow,
  createSalesChannelsWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { issueToken } from "../../src/runtime/tokens"
import { setPluginOptions } from "../helpers/plugin-options"
import {
  cartAtPayment,
  createShopFixture,
  type ShopFixture,
} from "../helpers/shop-fixture"
import { storefrontHeaders } from "../helpers/store"

jest.setTimeout(180_000)

setPluginOptions({ storefrontUrl: "https://shop.example.com/" })

const DAY = 86_400_000

type Answer = { status: number; data: Record<string, unknown> }
type ApiError = { response: Answer }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let otherChannelId: string
    /** The publishable keys of the shop's channel and of another one. */
    let homeKey: Record<string, string>
    let otherKey: Record<string, string>

    beforeAll(async () => {
      const c = getContainer()
      shop = await createShopFixture(c, 10)
      const {
        result: [other],
      } = await createSalesChannelsWorkflow(c).run({
        input: { salesChannelsData: [{ name: "Other storefront" }] },
      })
      otherChannelId = other.id
      homeKey = await storefrontHeaders(c, shop.salesChannelId)
      otherKey = await storefrontHeaders(c, otherChannelId)
    })

    beforeEach(() => {
      container = getContainer()
    })

    const recover = (token: string, headers: Record<string, string>) =>
      api.post("/store/autopilot/cart-recovery", { token }, { headers }).then(
        (r: Answer) => ({ status: r.status, data: r.data }),
        (e: ApiError) => ({
          status: e.response.status,
          data: e.response.data,
        })
      )

    const cartIn = async (salesChannelId: string) => {
      const { result: cart } = await createCartWorkflow(container).run({
        input: {
          region_id: shop.regionId,
          sales_channel_id: salesChannelId,
          email: "ann@example.com",
          currency_code: "eur",
        },
      })
      return cart.id
    }

    const recoveryToken = (cartId: string) =>
      issueToken(container, "cart_recovery", cartId, 7 * DAY)

    it("restores a cart only through a key of the cart's own sales channel", async () => {
      const homeCart = await cartIn(shop.salesChannelId)
      const otherCart = await cartIn(otherChannelId)
      const homeToken = await recoveryToken(homeCart)
      const otherToken = await recoveryToken(otherCart)

      expect(await recover(homeToken, homeKey)).toEqual({
        status: 200,
        data: { cart_id: homeCart },
      })
      expect(await recover(otherToken, otherKey)).toEqual({
        status: 200,
        data: { cart_id: otherCart },
      })

      // Another storefront's cart: the answer of a token that never existed.
      const unknown = await recover("not-a-token-at-all", homeKey)
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toBe("This link is invalid or has expired")
      expect(await recover(homeToken, otherKey)).toEqual(unknown)
      expect(await recover(otherToken, homeKey)).toEqual(unknown)
    })

    it("does not tell another storefront that a cart was ordered", async () => {
      const { cartId } = await cartAtPayment(container, shop, {
        providerId: "pp_system_default",
      })
      const token = await recoveryToken(cartId)
      await completeCartWorkflow(container).run({ input: { id: cartId } })

      // Its own storefront learns the cart became an order…
      expect((await recover(token, homeKey)).status).toBe(409)
      // …another one gets the invalid-link answer, like any bad token.
      const unknown = await recover("not-a-token-at-all", otherKey)
      expect(await recover(token, otherKey)).toEqual(unknown)
      expect(unknown.status).toBe(400)
    })
  },
})
