import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService } from "../../src/runtime/settings"
import { issueToken } from "../../src/runtime/tokens"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { createShopFixture, type ShopFixture } from "../helpers/shop-fixture"
import { RELAXED_SIGNUP_LIMITS, storefrontHeaders } from "../helpers/store"

jest.setTimeout(180_000)

// The private signup answer is opt-in: by default signup keeps its 201/200
// storefront contract (covered in restock-alerts.spec.ts).
setPluginOptions({
  jobs: {
    "restock-alerts": {
      options: { ...RELAXED_SIGNUP_LIMITS, private_signup_response: true },
    },
  },
})

type Answer = { status: number; data: unknown }

/**
 * The public routes must not tell a caller whether an email, a subscription
 * or a token exists, beyond what the caller's own request created: every
 * case of a group must get the very same status and body.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let storeHeaders: Record<string, string>

    beforeAll(async () => {
      const c = getContainer()
      shop = await createShopFixture(c, 0) // sold out
      storeHeaders = await storefrontHeaders(c, shop.salesChannelId)
    })

    beforeEach(() => {
      container = getContainer()
    })

    const answer = (url: string, body: Record<string, unknown>) =>
      api.post(url, body, { headers: storeHeaders }).then(
        (r: Answer) => ({ status: r.status, data: r.data }),
        (e: { response: Answer }) => ({
          status: e.response.status,
          data: e.response.data,
        })
      )
    const signup = (email: string) =>
      answer("/store/restock-subscriptions", {
        variant_id: shop.variantId,
        email,
      })
    const existing = (
      email: string,
      status: "active" | "pending_confirmation" | "notified" | "unsubscribed"
    ) =>
      autopilotService(container).createRestockSubscriptions({
        variant_id: shop.variantId,
        sales_channel_id: shop.salesChannelId,
        email,
        status,
      })

    /** Signups for addresses in every state, beside one nobody has used. */
    async function signupAnswers(): Promise<Answer[]> {
      const tag = Math.random().toString(36).slice(2, 8)
      await existing(`active-${tag}@example.com`, "active")
      await existing(`pending-${tag}@example.com`, "pending_confirmation")
      await existing(`notified-${tag}@example.com`, "notified")
      await existing(`unsub-${tag}@example.com`, "unsubscribed")
      const fresh = `fresh-${tag}@example.com`
      return [
        await signup(fresh),
        await signup(fresh), // the caller's own repeat
        await signup(`active-${tag}@example.com`),
        await signup(`pending-${tag}@example.com`),
        await signup(`notified-${tag}@example.com`),
        await signup(`unsub-${tag}@example.com`),
      ]
    }

    it("signup answers alike whether or not the email is subscribed, in every state", async () => {
      const answers = await signupAnswers()
      expect(answers[0].status).toBe(202)
      for (const a of answers) expect(a).toEqual(answers[0])
    })

    it("… and under double opt-in", async () => {
      const { headers } = await createAdminUser(container)
      await api.post(
        "/admin/autopilot/jobs/restock-alerts",
        // an admin edit stores the job's whole option set
        { options: { double_opt_in: true, private_signup_response: true } },
        { headers }
      )
      const answers = await signupAnswers()
      expect(answers[0]).toMatchObject({
        status: 202,
        data: { restock_subscription: { status: "pending_confirmation" } },
      })
      for (const a of answers) expect(a).toEqual(answers[0])
    })

    it("confirm and unsubscribe answer every bad token alike: unknown, expired, wrong purpose, subscription gone", async () => {
      const service = autopilotService(container)
      const [kept, gone] = await service.createRestockSubscriptions([
        {
          variant_id: shop.variantId,
          sales_channel_id: shop.salesChannelId,
          email: "kept@example.com",
          status: "pending_confirmation",
        },
        {
          variant_id: shop.variantId,
          sales_channel_id: shop.salesChannelId,
          email: "gone@example.com",
          status: "active",
        },
      ])
      const confirm = await issueToken(
        container,
        "restock_confirm",
        kept.id,
        3_600_000
      )
      const unsubscribe = await issueToken(
        container,
        "unsubscribe",
        kept.id,
        null
      )
      const expiring = await issueToken(
        container,
        "restock_confirm",
        kept.id,
        1000
      )
      const orphan = await issueToken(container, "unsubscribe", gone.id, null)
      await service.deleteRestockSubscriptions(gone.id)

      for (const [route, valid, wrongPurpose] of [
        ["/store/autopilot/confirm", confirm, unsubscribe],
        ["/store/autopilot/unsubscribe", unsubscribe, confirm],
      ] as const) {
        setClock(new ManualClock(new Date(Date.now() + 60_000)))
        let bad: Answer[]
        try {
          bad = [
            await answer(route, { token: "x".repeat(43) }),
            await answer(route, { token: expiring }),
            await answer(route, { token: wrongPurpose }),
            await answer(route, { token: orphan }),
          ]
        } finally {
          resetClock()
        }
        expect(bad[0]).toEqual({
          status: 400,
          data: {
            type: "invalid_data",
            message: "This link is invalid or has expired",
          },
        })
        for (const a of bad) expect(a).toEqual(bad[0])
        expect((await answer(route, { token: valid })).status).toBe(200)
      }
      const [after] = await service.listRestockSubscriptions({ id: kept.id })
      expect(after.status).toBe("unsubscribed")
    })

    it("cart recovery answers every bad token alike: unknown, expired, wrong purpose, cart gone", async () => {
      const gone = await issueToken(
        container,
        "cart_recovery",
        "cart_does_not_exist",
        3_600_000
      )
      const expiring = await issueToken(
        container,
        "cart_recovery",
        "cart_does_not_exist_either",
        1000
      )
      const wrongPurpose = await issueToken(
        container,
        "unsubscribe",
        "cart_does_not_exist",
        null
      )
      setClock(new ManualClock(new Date(Date.now() + 60_000)))
      let bad: Answer[]
      try {
        bad = [
          await answer("/store/autopilot/cart-recovery", {
            token: "x".repeat(43),
          }),
          await answer("/store/autopilot/cart-recovery", { token: gone }),
          await answer("/store/autopilot/cart-recovery", { token: expiring }),
          await answer("/store/autopilot/cart-recovery", {
            token: wrongPurpose,
          }),
        ]
      } finally {
        resetClock()
      }
      expect(bad[0].status).toBe(400)
      for (const a of bad) expect(a).toEqual(bad[0])
    })
  },
})
