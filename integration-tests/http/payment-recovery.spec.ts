import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import {
  completeCartWorkflow,
  processPaymentWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService } from "../../src/runtime/settings"
import {
  type FakePaymentProvider,
  startFakePaymentProvider,
} from "../../fakes/payment-provider"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { runJob } from "../helpers/run-job"
import { waitFor } from "../helpers/wait"
import {
  cartAtPayment,
  createShopFixture,
  ordersOfCart,
  SANDBOX_PROVIDER,
  setStock,
  type ShopFixture,
} from "../helpers/shop-fixture"

jest.setTimeout(180_000)

const MINUTE = 60_000
const MERCHANT = "owner@shop.example.com"

setPluginOptions({
  merchantEmail: MERCHANT,
  jobs: {
    "payment-recovery": {
      options: { providers: ["pp_autopilot-sandbox*"], max_errors: 3 },
    },
  },
})

let psp: FakePaymentProvider
// Before the app boots: the sandbox provider is registered with this URL.
beforeAll(async () => {
  psp = await startFakePaymentProvider()
  process.env.AUTOPILOT_SANDBOX_PSP_URL = psp.url
})
afterAll(async () => {
  delete process.env.AUTOPILOT_SANDBOX_PSP_URL
  await psp?.close()
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let clock: ManualClock

    beforeAll(async () => {
      // Created before the runner's first snapshot, so every test has it.
      shop = await createShopFixture(getContainer(), 10)
    })

    beforeEach(() => {
      container = getContainer()
      clock = new ManualClock(new Date())
      setClock(clock)
      psp.clearFaults()
    })
    afterEach(() => resetClock())

    const recoveries = () =>
      autopilotService(container).listPaymentRecoveries({}, { take: null })
    const recoveryOf = async (sessionId: string) => {
      const [rec] = await autopilotService(container).listPaymentRecoveries({
        payment_session_id: sessionId,
      })
      return rec
    }
    const remoteId = (session: { data?: Record<string, unknown> | null }) =>
      session.data!.id as string
    const attentionMails = async () =>
      (
        await container.resolve(Modules.NOTIFICATION).listNotifications({})
      ).filter((n) => n.template === "autopilot.merchant.attention")

    it("turns a cart paid at the provider into exactly one order", async () => {
      const { cartId, session } = await cartAtPayment(container, shop)
      psp.setStatus(remoteId(session), "paid")
      const events: { id: string; order_id: string; cart_id: string }[] = []
      const onRecovered = async (event: { data: (typeof events)[number] }) => {
        events.push(event.data)
      }
      const eventBus = container.resolve(Modules.EVENT_BUS)
      eventBus.subscribe("autopilot.payment.recovered", onRecovered as never, {
        subscriberId: "test-payment-recovered",
      })

      // Too young: left to the customer and the webhook.
      let run = await runJob(container, "payment-recovery")
      expect(run.status).toBe("succeeded")
      expect(await recoveries()).toHaveLength(0)

      clock.advance(11 * MINUTE)
      run = await runJob(container, "payment-recovery")
      expect(run.status).toBe("succeeded")
      const [orderId] = await ordersOfCart(container, cartId)
      expect(orderId).toBeDefined()
      expect(await recoveryOf(session.id)).toMatchObject({
        status: "recovered",
        resolution: "autopilot",
        order_id: orderId,
        attempts: 1,
        provider_status: "authorized",
        email: "buyer@example.com",
      })
      expect(run.summary).toMatchObject({
        actions: { track: { count: 1 }, recovered: { count: 1 } },
      })
      await waitFor(
        async () => events,
        (e) => e.length === 1,
        { what: "autopilot.payment.recovered" }
      )
      expect(events[0]).toMatchObject({ order_id: orderId, cart_id: cartId })
      eventBus.unsubscribe(
        "autopilot.payment.recovered",
        onRecovered as never,
        {
          subscriberId: "test-payment-recovered",
        }
      )

      // Nothing more happens on the next runs.
      clock.advance(10 * MINUTE)
      await runJob(container, "payment-recovery")
      expect(await ordersOfCart(container, cartId)).toEqual([orderId])
    })

    it("racing the webhook path still gives one order", async () => {
      const { cartId, session } = await cartAtPayment(container, shop)
      psp.setStatus(remoteId(session), "paid")
      clock.advance(11 * MINUTE)
      await Promise.all([
        runJob(container, "payment-recovery"),
        processPaymentWorkflow(container).run({
          input: {
            action: "authorized",
            data: { session_id: session.id, amount: session.amount },
          },
        }),
      ])
      // Let the webhook path's cart completion (run through the engine) end.
      await new Promise((r) => setTimeout(r, 1500))
      expect(await ordersOfCart(container, cartId)).toHaveLength(1)
      clock.advance(5 * MINUTE)
      await runJob(container, "payment-recovery")
      const rec = await recoveryOf(session.id)
      expect(rec.status).toBe("recovered")
      expect(await ordersOfCart(container, cartId)).toHaveLength(1)
    })

    it("re-checks a pending payment by the cadence, then gives up at expiry", async () => {
      const { cartId, session } = await cartAtPayment(container, shop)
      clock.advance(11 * MINUTE)
      await runJob(container, "payment-recovery")
      let rec = await recoveryOf(session.id)
      expect(rec).toMatchObject({ status: "pending", attempts: 1 })
      expect(new Date(rec.next_check_at!).getTime()).toBe(
        clock.now().getTime() + 3 * MINUTE
      )

      // Not due yet: not asked again.
      clock.advance(1 * MINUTE)
      await runJob(container, "payment-recovery")
      expect((await recoveryOf(session.id)).attempts).toBe(1)

      clock.advance(2 * MINUTE)
      await runJob(container, "payment-recovery")
      rec = await recoveryOf(session.id)
      expect(rec.attempts).toBe(2)
      expect(new Date(rec.next_check_at!).getTime()).toBe(
        clock.now().getTime() + 15 * MINUTE
      )

      // 48 h later the session expires: one last look, then abandoned.
      clock.advance(48 * 60 * MINUTE)
      await runJob(container, "payment-recovery")
      rec = await recoveryOf(session.id)
      expect(rec).toMatchObject({ status: "abandoned", resolution: "expired" })
      expect(await ordersOfCart(container, cartId)).toHaveLength(0)
    })

    it("abandons a payment the provider reports as failed", async () => {
      const { cartId, session } = await cartAtPayment(container, shop)
      psp.setStatus(remoteId(session), "failed")
      clock.advance(11 * MINUTE)
      await runJob(container, "payment-recovery")
      expect(await recoveryOf(session.id)).toMatchObject({
        status: "abandoned",
        resolution: "provider_failed",
        provider_status: "error",
        next_check_at: null,
      })
      expect(await ordersOfCart(container, cartId)).toHaveLength(0)
    })

    it("needs attention when stock ran out after the money was taken: no order, refund recorded", async () => {
      const { cartId, session } = await cartAtPayment(container, shop, {
        email: "late@example.com",
      })
      psp.setStatus(remoteId(session), "captured")
      await setStock(container, shop, 0)
      clock.advance(11 * MINUTE)
      const run = await runJob(container, "payment-recovery")
      expect(run.status).toBe("succeeded")

      expect(await ordersOfCart(container, cartId)).toHaveLength(0)
      const rec = await recoveryOf(session.id)
      expect(rec).toMatchObject({
        status: "needs_attention",
        refunded: true,
        email: "late@example.com",
        provider_reference: remoteId(session),
      })
      expect(rec.reason).toMatch(/could not be created/)
      expect(psp.refunds.map((r) => r.payment_id)).toContain(remoteId(session))

      const mails = await attentionMails()
      expect(mails).toHaveLength(1)
      expect(mails[0].to).toBe(MERCHANT)
      expect(mails[0].data).toMatchObject({
        cart_id: cartId,
        customer_email: "late@example.com",
        provider_reference: remoteId(session),
        currency_code: "eur",
      })
      // Told once: later runs send nothing more.
      clock.advance(60 * MINUTE)
      await runJob(container, "payment-recovery")
      expect(await attentionMails()).toHaveLength(1)
    })

    it("never touches a provider outside the allow-list", async () => {
      const { cartId, session } = await cartAtPayment(container, shop, {
        providerId: "pp_system_default",
      })
      clock.advance(11 * MINUTE)
      const run = await runJob(container, "payment-recovery")
      expect(await recoveries()).toHaveLength(0)
      expect(await ordersOfCart(container, cartId)).toHaveLength(0)
      const fresh = await container
        .resolve(Modules.PAYMENT)
        .retrievePaymentSession(session.id)
      expect(fresh.status).toBe("pending")
      expect(run.counters).toMatchObject({ skipped: 1 })
    })

    it("skips a recorded session whose provider was taken off the allow-list, and never completes it", async () => {
      const { headers } = await createAdminUser(container)
      const { cartId, session } = await cartAtPayment(container, shop)
      clock.advance(11 * MINUTE)
      await runJob(container, "payment-recovery")
      expect(await recoveryOf(session.id)).toMatchObject({
        status: "pending",
        attempts: 1,
      })

      // The merchant narrows the allow-list; then the customer's money arrives.
      await api.post(
        "/admin/autopilot/jobs/payment-recovery",
        { options: { providers: ["pp_stripe*"] } },
        { headers }
      )
      psp.setStatus(remoteId(session), "paid")
      const reads = psp.requests.length
      clock.advance(60 * MINUTE)
      // A dry run says so, and changes nothing.
      const dry = await runJob(container, "payment-recovery", { dryRun: true })
      expect(dry.summary).toMatchObject({
        actions: { not_allowed: { count: 1 } },
      })
      expect((await recoveryOf(session.id)).status).toBe("pending")
      const run = await runJob(container, "payment-recovery")
      expect(run.status).toBe("succeeded")
      expect(run.summary).toMatchObject({
        actions: { not_allowed: { count: 1 } },
      })

      const rec = await recoveryOf(session.id)
      expect(rec).toMatchObject({
        status: "abandoned",
        resolution: "skipped",
        attempts: 1,
        next_check_at: null,
      })
      expect(rec.reason).toMatch(/no longer in the providers allow-list/)
      expect(psp.requests.length).toBe(reads) // the provider was not asked
      expect(await ordersOfCart(container, cartId)).toHaveLength(0)

      // Later runs leave it alone too.
      clock.advance(60 * MINUTE)
      await runJob(container, "payment-recovery")
      expect(await ordersOfCart(container, cartId)).toHaveLength(0)
      expect((await recoveryOf(session.id)).status).toBe("abandoned")
    })

    it("refuses pp_system_default in the allow-list from the admin", async () => {
      const { headers } = await createAdminUser(container)
      const refused = await api
        .post(
          "/admin/autopilot/jobs/payment-recovery",
          { options: { providers: ["pp_stripe*", "pp_system_default"] } },
          { headers }
        )
        .catch((e: { response: { status: number; data: unknown } }) => e)
      expect(
        (refused as { response: { status: number } }).response.status
      ).toBe(400)
    })

    it("retries after provider errors without failing the run, then needs attention", async () => {
      const { session } = await cartAtPayment(container, shop)
      clock.advance(11 * MINUTE)
      for (const [i, mode] of (
        ["500", "malformed", "timeout"] as const
      ).entries()) {
        psp.injectFault(mode, 1)
        const run = await runJob(container, "payment-recovery")
        expect(run.status).toBe("succeeded")
        expect(run.counters).toMatchObject({ failed: 1 })
        const rec = await recoveryOf(session.id)
        expect(rec.errors).toBe(i + 1)
        if (i < 2) {
          expect(rec.status).toBe("pending")
          expect(rec.next_check_at).not.toBeNull()
          clock.advance(60 * MINUTE)
        } else {
          // max_errors: 3 in this file
          expect(rec.status).toBe("needs_attention")
          expect(rec.reason).toMatch(/failed 3 times in a row/)
        }
      }
      expect(await attentionMails()).toHaveLength(1)
    })

    it("re-checks an order placed with pending_authorization until authorized", async () => {
      const { cartId, session } = await cartAtPayment(container, shop)
      psp.setStatus(remoteId(session), "processing") // e.g. a bank transfer
      // The storefront completes the cart: an order waiting for its money.
      const { result } = await completeCartWorkflow(container).run({
        input: { id: cartId },
      })
      expect(await ordersOfCart(container, cartId)).toEqual([result.id])

      clock.advance(11 * MINUTE)
      await runJob(container, "payment-recovery")
      expect(await recoveryOf(session.id)).toMatchObject({
        kind: "order",
        order_id: result.id,
        status: "pending",
        provider_status: "pending_authorization",
      })

      psp.setStatus(remoteId(session), "paid")
      clock.advance(3 * MINUTE)
      await runJob(container, "payment-recovery")
      expect(await recoveryOf(session.id)).toMatchObject({
        status: "recovered",
        resolution: "autopilot",
        provider_status: "authorized",
      })
      const fresh = await container
        .resolve(Modules.PAYMENT)
        .retrievePaymentSession(session.id)
      expect(fresh.status).toBe("authorized")
      expect(await ordersOfCart(container, cartId)).toEqual([result.id])
    })

    it("a dry run changes nothing", async () => {
      const { cartId, session } = await cartAtPayment(container, shop)
      psp.setStatus(remoteId(session), "paid")
      clock.advance(11 * MINUTE)
      const reads = psp.requests.length
      const run = await runJob(container, "payment-recovery", { dryRun: true })
      expect(run.dry_run).toBe(true)
      expect(run.summary).toMatchObject({ actions: { track: { count: 1 } } })
      expect(await recoveries()).toHaveLength(0)
      expect(await ordersOfCart(container, cartId)).toHaveLength(0)
      expect(psp.requests.length).toBe(reads) // the provider was not asked
    })

    it("warns once about an authorization about to lapse", async () => {
      const { cartId, session } = await cartAtPayment(container, shop)
      psp.setStatus(remoteId(session), "paid")
      clock.advance(11 * MINUTE)
      await runJob(container, "payment-recovery")
      expect(await ordersOfCart(container, cartId)).toHaveLength(1)
      expect(await attentionMails()).toHaveLength(0)

      clock.advance(7 * 24 * 60 * MINUTE)
      await runJob(container, "payment-recovery")
      const warnings = await autopilotService(
        container
      ).listAuthorizationWarnings({})
      expect(warnings).toHaveLength(1)
      expect(warnings[0].provider_id).toBe(SANDBOX_PROVIDER)
      expect(await attentionMails()).toHaveLength(1)
      await runJob(container, "payment-recovery")
      expect(await attentionMails()).toHaveLength(1)
    })

    it("lists recoveries in the admin and lets the merchant dismiss one", async () => {
      const { headers } = await createAdminUser(container)
      const paid = await cartAtPayment(container, shop)
      const failed = await cartAtPayment(container, shop)
      psp.setStatus(remoteId(paid.session), "paid")
      psp.setStatus(remoteId(failed.session), "failed")
      clock.advance(11 * MINUTE)
      await runJob(container, "payment-recovery")

      const all = await api.get("/admin/autopilot/payment-recoveries", {
        headers,
      })
      expect(all.data.count).toBe(2)
      const recovered = await api.get(
        "/admin/autopilot/payment-recoveries?status=recovered",
        { headers }
      )
      expect(recovered.data.payment_recoveries).toHaveLength(1)
      expect(recovered.data.payment_recoveries[0]).toMatchObject({
        cart_id: paid.cartId,
        provider_id: SANDBOX_PROVIDER,
        attempts: 1,
        currency_code: "eur",
      })
      expect(recovered.data.payment_recoveries[0].order_id).toMatch(/^order_/)
      // The sandbox follows the default cadence preset.
      expect(recovered.data.payment_recoveries[0].cadence_preset).toBe(
        "default"
      )
      const [orderId] = await ordersOfCart(container, paid.cartId)
      const byOrder = await api.get(
        `/admin/autopilot/payment-recoveries?order_id=${orderId}`,
        { headers }
      )
      expect(byOrder.data.payment_recoveries).toHaveLength(1)

      const abandoned = (
        await api.get("/admin/autopilot/payment-recoveries?status=abandoned", {
          headers,
        })
      ).data.payment_recoveries[0]
      const dismissed = await api.post(
        `/admin/autopilot/payment-recoveries/${abandoned.id}/dismiss`,
        {},
        { headers }
      )
      expect(dismissed.status).toBe(200)
      expect(dismissed.data.payment_recovery.dismissed_at).not.toBeNull()
      const after = await api.get("/admin/autopilot/payment-recoveries", {
        headers,
      })
      expect(after.data.count).toBe(1)

      const bad = await api
        .get("/admin/autopilot/payment-recoveries?status=lost", { headers })
        .catch((e: { response: { status: number } }) => e)
      expect(bad.response.status).toBe(400)
      const missing = await api
        .post(
          "/admin/autopilot/payment-recoveries/aprec_nope/dismiss",
          {},
          { headers }
        )
        .catch((e: { response: { status: number } }) => e)
      expect(missing.response.status).toBe(404)
    })
  },
})
