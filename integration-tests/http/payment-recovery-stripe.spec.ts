import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { updateRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { type FakeStripe, startFakeStripe } from "../../fakes/stripe"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService } from "../../src/runtime/settings"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { runJob } from "../helpers/run-job"
import {
  cartAtPayment,
  createShopFixture,
  ordersOfCart,
  type ShopFixture,
} from "../helpers/shop-fixture"

// The contract test against Medusa's own Stripe provider
// (@medusajs/medusa/payment-stripe), registered in medusa-config.ts as a
// shop registers it (id "stripe") when AUTOPILOT_TEST_STRIPE_KEY is set, and
// answered by fakes/stripe.js. The seam: after boot, each registered Stripe
// provider's own stripe-node client (`stripe_`) is pointed at the fake with
// `_setApiField("host" | "port" | "protocol")`; everything between the job
// and the HTTP request is Medusa's and stripe-node's code.

jest.setTimeout(240_000)

const MINUTE = 60_000
const IDEAL = "pp_stripe-ideal_stripe"
const CARD = "pp_stripe_stripe"

setPluginOptions({
  merchantEmail: "owner@shop.example.com",
  jobs: {
    "payment-recovery": {
      options: {
        providers: ["pp_stripe*"],
        // Discover at iDEAL's first check, 3 minutes after the transaction.
        min_age_minutes: 3,
        cadence_presets: { "pp_stripe_*": "card" },
      },
    },
  },
})

let stripe: FakeStripe
beforeAll(async () => {
  stripe = await startFakeStripe()
  process.env.AUTOPILOT_TEST_STRIPE_KEY = "sk_test_autopilot_contract"
})
afterAll(async () => {
  delete process.env.AUTOPILOT_TEST_STRIPE_KEY
  await stripe?.close()
})

type StripeClient = { _setApiField(key: string, value: unknown): void }

/** Points a registered Stripe provider's own client at the fake. */
function pointAtFake(container: MedusaContainer, providerId: string) {
  const payment = container.resolve(Modules.PAYMENT) as unknown as {
    paymentProviderService_: {
      retrieveProvider(id: string): { stripe_: StripeClient }
    }
  }
  const client =
    payment.paymentProviderService_.retrieveProvider(providerId).stripe_
  client._setApiField("host", stripe.host)
  client._setApiField("port", stripe.port)
  client._setApiField("protocol", "http")
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let clock: ManualClock

    beforeAll(async () => {
      shop = await createShopFixture(getContainer(), 10)
      await updateRegionsWorkflow(getContainer()).run({
        input: {
          selector: { id: shop.regionId },
          update: { payment_providers: ["pp_system_default", CARD, IDEAL] },
        },
      })
    })

    beforeEach(() => {
      container = getContainer()
      pointAtFake(container, CARD)
      pointAtFake(container, IDEAL)
      stripe.reset()
      clock = new ManualClock(new Date())
      setClock(clock)
    })
    afterEach(() => resetClock())

    const recoveryOf = async (sessionId: string) => {
      const [rec] = await autopilotService(container).listPaymentRecoveries({
        payment_session_id: sessionId,
      })
      return rec
    }
    const intentOf = (session: { data?: Record<string, unknown> | null }) =>
      session.data!.id as string
    const reads = (intent: string) =>
      stripe.requests.filter((r) => r.method === "GET" && r.intent === intent)
        .length

    /** A session at Stripe, and the minute offsets of its schedule. */
    async function paying(providerId: string) {
      const { cartId, session } = await cartAtPayment(container, shop, {
        providerId,
      })
      const intent = intentOf(session)
      expect(intent).toMatch(/^pi_/)
      // The customer is sent to the bank (iDEAL) or to 3-D Secure (card).
      stripe.setStatus(intent, "requires_action")
      const start = new Date(
        (
          await container
            .resolve(Modules.PAYMENT)
            .retrievePaymentSession(session.id)
        ).created_at as Date
      ).getTime()
      const at = (minutes: number) => new Date(start + minutes * MINUTE)
      return { cartId, session, intent, at }
    }
    const offset = (at: (m: number) => Date, d: string | Date | null) =>
      d === null ? null : (new Date(d).getTime() - at(0).getTime()) / MINUTE

    it("iDEAL: a PaymentIntent that succeeded while the customer never returned becomes exactly one order", async () => {
      const { cartId, session, intent, at } = await paying(IDEAL)

      // 3 minutes after the transaction: the first status request.
      clock.set(at(3))
      let run = await runJob(container, "payment-recovery")
      expect(run.status).toBe("succeeded")
      let rec = await recoveryOf(session.id)
      expect(rec).toMatchObject({
        status: "pending",
        attempts: 1,
        provider_status: "requires_more",
        provider_reference: intent,
      })
      expect(offset(at, rec.next_check_at)).toBe(30) // the end of expiry
      expect(reads(intent)).toBe(1)
      const { headers } = await createAdminUser(container)
      const listed = await api.get(
        `/admin/autopilot/payment-recoveries?cart_id=${cartId}`,
        { headers }
      )
      expect(listed.data.payment_recoveries[0]).toMatchObject({
        cadence_preset: "ideal",
        next_check_at: at(30).toISOString(),
      })

      // Not before it is due.
      clock.set(at(29))
      await runJob(container, "payment-recovery")
      expect(reads(intent)).toBe(1)

      clock.set(at(30))
      await runJob(container, "payment-recovery")
      rec = await recoveryOf(session.id)
      expect(rec.attempts).toBe(2)
      expect(offset(at, rec.next_check_at)).toBe(90)

      // The customer paid at the bank and closed the tab.
      stripe.setStatus(intent, "succeeded")
      clock.set(at(90))
      run = await runJob(container, "payment-recovery")
      const orders = await ordersOfCart(container, cartId)
      expect(orders).toHaveLength(1)
      expect(await recoveryOf(session.id)).toMatchObject({
        status: "recovered",
        resolution: "autopilot",
        order_id: orders[0],
        attempts: 3,
        // Medusa records the session authorized and its payment captured.
        provider_status: "authorized",
        next_check_at: null,
      })
      const [payment] = await container
        .resolve(Modules.PAYMENT)
        .listPayments({ payment_session_id: session.id })
      expect(payment.captured_at).not.toBeNull()
      expect(run.summary).toMatchObject({
        actions: { recovered: { count: 1 } },
      })

      clock.set(at(200))
      await runJob(container, "payment-recovery")
      expect(await ordersOfCart(container, cartId)).toEqual(orders)
      expect(reads(intent)).toBe(3)
    })

    it("iDEAL: checks at 3 min, at expiry, then back-off to a last check at 24 h", async () => {
      const { cartId, session, intent, at } = await paying(IDEAL)
      const schedule = [3, 30, 90, 210, 450, 930, 1410, 1440]
      for (const [i, minute] of schedule.entries()) {
        clock.set(at(minute))
        await runJob(container, "payment-recovery")
        const rec = await recoveryOf(session.id)
        expect(rec.attempts).toBe(i + 1)
        expect(reads(intent)).toBe(i + 1)
        if (i < schedule.length - 1) {
          expect(rec.status).toBe("pending")
          expect(offset(at, rec.next_check_at)).toBe(schedule[i + 1])
        } else {
          // The last check at 24 h: given up.
          expect(rec).toMatchObject({
            status: "abandoned",
            resolution: "expired",
            reason: "still requires_more after 24 h",
            next_check_at: null,
          })
        }
      }
      expect(await ordersOfCart(container, cartId)).toHaveLength(0)
    })

    it("card: a PaymentIntent that requires_action waits, on the short back-off", async () => {
      const { cartId, session, intent, at } = await paying(CARD)
      const { headers } = await createAdminUser(container)
      const schedule = [3, 4, 6, 11, 21]
      for (const [i, minute] of schedule.entries()) {
        clock.set(at(minute))
        await runJob(container, "payment-recovery")
        const rec = await recoveryOf(session.id)
        expect(rec).toMatchObject({
          status: "pending",
          attempts: i + 1,
          provider_status: "requires_more",
        })
        if (i < schedule.length - 1)
          expect(offset(at, rec.next_check_at)).toBe(schedule[i + 1])
      }
      expect(reads(intent)).toBe(schedule.length)
      expect(await ordersOfCart(container, cartId)).toHaveLength(0)

      // The admin shows the next check and the preset that chose it.
      const listed = await api.get(
        `/admin/autopilot/payment-recoveries?cart_id=${cartId}`,
        { headers }
      )
      expect(listed.data.payment_recoveries).toHaveLength(1)
      expect(listed.data.payment_recoveries[0]).toMatchObject({
        provider_id: CARD,
        status: "pending",
        cadence_preset: "card",
        next_check_at: at(51).toISOString(), // the 5th step: 30 min
      })
    })

    it("iDEAL: a canceled PaymentIntent gives up and reports it", async () => {
      const { cartId, session, intent, at } = await paying(IDEAL)
      stripe.setStatus(intent, "canceled")
      clock.set(at(3))
      const run = await runJob(container, "payment-recovery")
      expect(await recoveryOf(session.id)).toMatchObject({
        status: "abandoned",
        resolution: "provider_failed",
        provider_status: "canceled",
        reason: "the provider reports canceled",
        next_check_at: null,
      })
      expect(run.summary).toMatchObject({
        actions: { abandoned: { count: 1 } },
      })
      expect(await ordersOfCart(container, cartId)).toHaveLength(0)
      clock.set(at(60))
      await runJob(container, "payment-recovery")
      expect(reads(intent)).toBe(1)
    })

    it("iDEAL: status requests are serial, never parallel, in due order", async () => {
      const sessions = [
        await paying(IDEAL),
        await paying(IDEAL),
        await paying(IDEAL),
      ]
      stripe.reset() // only the status requests below count
      stripe.setDelay(150)
      clock.set(sessions[2].at(3))
      await runJob(container, "payment-recovery")
      const asked = stripe.requests.filter((r) => r.method === "GET")
      expect(asked).toHaveLength(3)
      expect(stripe.maxInFlight()).toBe(1)
      // One after the other: each starts once the one before has answered.
      for (let i = 1; i < asked.length; i++)
        expect(asked[i].at - asked[i - 1].at).toBeGreaterThanOrEqual(140)
      // In the order they were due (recorded in one run: by record id).
      const recs = await Promise.all(
        sessions.map((s) => recoveryOf(s.session.id))
      )
      const intentOfRecord = new Map(
        recs.map((r, i) => [r.id, sessions[i].intent])
      )
      const dueOrder = [...recs]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((r) => intentOfRecord.get(r.id))
      expect(asked.map((r) => r.intent)).toEqual(dueOrder)
    })

    it("respects Stripe's Retry-After on a 429", async () => {
      const { session, intent, at } = await paying(IDEAL)
      stripe.rateLimit(1, 3600)
      clock.set(at(3))
      const run = await runJob(container, "payment-recovery")
      expect(run.counters).toMatchObject({ failed: 1 })
      let rec = await recoveryOf(session.id)
      expect(rec).toMatchObject({ status: "pending", errors: 1 })
      // Not at 30 min (the preset), but an hour after the 429.
      expect(offset(at, rec.next_check_at)).toBe(63)
      clock.set(at(30))
      await runJob(container, "payment-recovery")
      expect(reads(intent)).toBe(1)
      clock.set(at(63))
      await runJob(container, "payment-recovery")
      expect(reads(intent)).toBe(2)
      rec = await recoveryOf(session.id)
      expect(rec).toMatchObject({ errors: 0, attempts: 2 })
      expect(offset(at, rec.next_check_at)).toBe(90)
    })
  },
})
