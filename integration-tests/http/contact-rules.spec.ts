import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createCartWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService } from "../../src/runtime/settings"
import { setPluginOptions } from "../helpers/plugin-options"
import { runJob } from "../helpers/run-job"
import { createShopFixture, type ShopFixture } from "../helpers/shop-fixture"
import { waitFor } from "../helpers/wait"

jest.setTimeout(240_000)

const MIN = 60_000
const HOUR = 60 * MIN

// A two-hour window opening three hours from now (UTC), so a test starts
// outside it and reaches it by moving the clock.
const hour = new Date().getUTCHours()
const at = (h: number) => `${String(h % 24).padStart(2, "0")}:00`
const WINDOW = { start: at(hour + 3), end: at(hour + 5), time_zone: "UTC" }

setPluginOptions({
  storefrontUrl: "https://shop.example.com/",
  contactWindow: WINDOW,
  marketingCap: { max: 1, per_hours: 24 },
})

/** From the real now to the next whole hour `h` hours on, plus 5 minutes. */
function untilHour(h: number): number {
  const now = new Date()
  const target = new Date(now)
  target.setUTCHours(now.getUTCHours() + h, 5, 0, 0)
  return target.getTime() - now.getTime()
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let clock: ManualClock

    beforeAll(async () => {
      shop = await createShopFixture(getContainer(), 100)
    })

    beforeEach(() => {
      container = getContainer()
      clock = new ManualClock(new Date())
      setClock(clock)
    })

    afterEach(() => resetClock())

    const makeCart = async (email: string) => {
      const { result: cart } = await createCartWorkflow(container).run({
        input: {
          region_id: shop.regionId,
          sales_channel_id: shop.salesChannelId,
          email,
          currency_code: "eur",
          items: [{ variant_id: shop.variantId, quantity: 1 }],
        },
      })
      await waitFor(
        async () =>
          (
            await autopilotService(container).listCartActivities({
              cart_id: cart.id,
            })
          )[0],
        (row) => !!row,
        { what: "the cart's activity row" }
      )
      return cart.id
    }

    const remindersTo = async (email: string) =>
      (
        await container
          .resolve(Modules.NOTIFICATION)
          .listNotifications({ to: email }, { take: null })
      ).filter(
        (n) =>
          (n.data as Record<string, unknown>)?.notification_name ===
          "autopilot.cart.reminder"
      )

    const notesOf = (r: Awaited<ReturnType<typeof runJob>>) =>
      ((r.summary as { notes?: string[] } | null)?.notes ?? []).join(" ")

    it("a due reminder waits for the contact window, then goes out", async () => {
      await makeCart("window@example.com")
      clock.advance(61 * MIN) // due, but hours before the window opens
      const waiting = await runJob(container, "cart-reminders")
      expect(waiting.status).toBe("succeeded")
      expect(await remindersTo("window@example.com")).toHaveLength(0)
      expect(notesOf(waiting)).toMatch(
        /Waiting to send: outside the contact window/
      )
      expect(waiting.counters).toMatchObject({ failed: 0 })

      clock.set(new Date(Date.now() + untilHour(3))) // inside the window
      const sent = await runJob(container, "cart-reminders")
      expect(sent.counters).toMatchObject({ failed: 0 })
      expect(await remindersTo("window@example.com")).toHaveLength(1)
    })

    it("at most one marketing message per address per 24 h, across carts", async () => {
      await makeCart("cap@example.com")
      await makeCart("cap@example.com")
      clock.set(new Date(Date.now() + untilHour(3))) // both due, in the window
      const first = await runJob(container, "cart-reminders")
      expect(await remindersTo("cap@example.com")).toHaveLength(1)
      expect(notesOf(first)).toMatch(
        /Waiting to send: the address had 1 marketing message in the last 24 h/
      )
      expect(first.counters).toMatchObject({ failed: 0 })

      // A day later (in the window again) the next one may go out: one.
      clock.advance(24 * HOUR + 10 * MIN)
      await runJob(container, "cart-reminders")
      expect(await remindersTo("cap@example.com")).toHaveLength(2)
    })
  },
})
