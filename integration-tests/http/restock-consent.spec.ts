import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService } from "../../src/runtime/settings"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { runJob } from "../helpers/run-job"
import {
  createShopFixture,
  setStock,
  type ShopFixture,
} from "../helpers/shop-fixture"
import { RELAXED_SIGNUP_LIMITS, storefrontHeaders } from "../helpers/store"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

/**
 * An address that unsubscribed from a variant's alerts is only signed up
 * again when its owner confirms through the link, even where signups are
 * single opt-in: anyone can post an address to the signup, and the
 * unsubscribe must hold against that.
 */
setPluginOptions({
  storefrontUrl: "https://shop.example.com",
  jobs: {
    "restock-alerts": {
      options: { double_opt_in: false, ...RELAXED_SIGNUP_LIMITS },
    },
  },
})

const ANN = "ann@example.com"
const BOB = "bob@example.com"

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

    const signup = (email: string) =>
      api.post(
        "/store/restock-subscriptions",
        { variant_id: shop.variantId, email },
        { headers: storeHeaders }
      )
    const store = (path: string, token: string) =>
      api.post(`/store/autopilot/${path}`, { token }, { headers: storeHeaders })
    const subscription = async (email: string) =>
      (
        await autopilotService(container).listRestockSubscriptions({
          variant_id: shop.variantId,
          email,
        })
      )[0]
    const sentWith = async (template: string, to?: string) =>
      (
        await container.resolve(Modules.NOTIFICATION).listNotifications({})
      ).filter((n) => n.template === template && (!to || n.to === to))
    const tokenOf = (url: unknown) =>
      new URL(String(url)).searchParams.get("token")!
    /** Restocks the variant and runs the job once the stock event queued it. */
    const restock = async (stocked: number) => {
      await setStock(container, shop, stocked)
      await waitFor(
        () =>
          autopilotService(container).listRestockQueues({
            variant_id: shop.variantId,
          }),
        (q) => q.length === 1,
        { what: "the variant to be queued" }
      )
      const run = await runJob(container, "restock-alerts")
      expect(run.status).toBe("succeeded")
    }

    /** Ann signs up, is alerted, unsubscribes with the alert's link. */
    const annUnsubscribes = async () => {
      expect((await signup(ANN)).status).toBe(201)
      await restock(1)
      const [alert] = await sentWith("autopilot.restock.available", ANN)
      await setStock(container, shop, 0)
      const res = await store(
        "unsubscribe",
        tokenOf(alert.data!.unsubscribe_url)
      )
      expect(res.data).toEqual({ status: "unsubscribed" })
      expect((await subscription(ANN)).status).toBe("unsubscribed")
    }

    it("after an unsubscribe, signing up again needs the confirmation link even under single opt-in", async () => {
      await annUnsubscribes()

      // Someone posts Ann's address again: the same answer as any repeated
      // signup (200), but the subscription waits for Ann's confirmation.
      const again = await signup(ANN)
      expect(again.status).toBe(200)
      expect(again.data.restock_subscription.status).toBe(
        "pending_confirmation"
      )
      expect((await subscription(ANN)).status).toBe("pending_confirmation")
      const confirmations = await sentWith("autopilot.restock.confirm", ANN)
      expect(confirmations).toHaveLength(1)

      // A repeat changes nothing and sends no second confirmation.
      const repeat = await signup(ANN)
      expect(repeat.status).toBe(200)
      expect(repeat.data.restock_subscription.status).toBe(
        "pending_confirmation"
      )
      expect(await sentWith("autopilot.restock.confirm", ANN)).toHaveLength(1)

      // A restock alerts the shoppers who wait (Bob), not Ann.
      expect((await signup(BOB)).status).toBe(201)
      expect((await subscription(BOB)).status).toBe("active")
      await restock(2)
      expect(await sentWith("autopilot.restock.available", BOB)).toHaveLength(1)
      expect(await sentWith("autopilot.restock.available", ANN)).toHaveLength(1)
      expect((await subscription(ANN)).status).toBe("pending_confirmation")

      // Ann confirms: she waits again, and the next restock alerts her.
      await setStock(container, shop, 0)
      const confirmed = await store(
        "confirm",
        tokenOf(confirmations[0].data!.confirm_url)
      )
      expect(confirmed.data).toEqual({ status: "active" })
      const active = await subscription(ANN)
      expect(active.status).toBe("active")
      expect(active.confirmed_at).not.toBeNull()
      await restock(1)
      expect(await sentWith("autopilot.restock.available", ANN)).toHaveLength(2)
    })

    it("the unsubscribe still holds after the unconfirmed re-signup expired", async () => {
      await annUnsubscribes()
      expect((await signup(ANN)).status).toBe(200)
      expect((await subscription(ANN)).status).toBe("pending_confirmation")

      // Nobody confirms; after expire_after_days (90) the run expires it.
      setClock(new ManualClock(new Date(Date.now() + 91 * 86_400_000)))
      try {
        const run = await runJob(container, "restock-alerts")
        expect(run.summary).toMatchObject({ actions: { expire: { count: 1 } } })
        expect((await subscription(ANN)).status).toBe("expired")

        // Signed up once more: still only through Ann's confirmation.
        const again = await signup(ANN)
        expect(again.status).toBe(200)
        expect(again.data.restock_subscription.status).toBe(
          "pending_confirmation"
        )
        expect(await sentWith("autopilot.restock.confirm", ANN)).toHaveLength(2)
      } finally {
        resetClock()
      }
    })

    it("an address that was alerted, not unsubscribed, signs up again at once", async () => {
      expect((await signup(BOB)).status).toBe(201)
      await restock(1)
      expect((await subscription(BOB)).status).toBe("notified")
      await setStock(container, shop, 0)

      const again = await signup(BOB)
      expect(again.status).toBe(200)
      expect(again.data.restock_subscription.status).toBe("active")
      expect(await sentWith("autopilot.restock.confirm")).toHaveLength(0)
    })

    it("with private_signup_response the re-signup still answers 202 alike, and still waits for confirmation", async () => {
      await annUnsubscribes()
      const adminHeaders = (await createAdminUser(container)).headers
      await api.post(
        "/admin/autopilot/jobs/restock-alerts",
        {
          options: { private_signup_response: true, ...RELAXED_SIGNUP_LIMITS },
        },
        { headers: adminHeaders }
      )

      const again = await signup(ANN)
      const fresh = await signup("cy@example.com")
      // Built from the request and the shop's settings only: a re-signup
      // after an unsubscribe looks like any other signup.
      expect([again.status, fresh.status]).toEqual([202, 202])
      expect(again.data).toEqual(fresh.data)
      expect((await subscription(ANN)).status).toBe("pending_confirmation")
      expect(await sentWith("autopilot.restock.confirm", ANN)).toHaveLength(1)
      expect((await subscription("cy@example.com")).status).toBe("active")
    })
  },
})
