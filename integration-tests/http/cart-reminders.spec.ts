import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import {
  completeCartWorkflow,
  createCartWorkflow,
  createCustomersWorkflow,
  updateCartWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  type FakePaymentProvider,
  startFakePaymentProvider,
} from "../../fakes/payment-provider"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService } from "../../src/runtime/settings"
import { CART_BACKFILL_STATE_KEY } from "../../src/workflows/carts/utils/backfill"
import { createAdminUser } from "../helpers/admin"
import { captureEvents } from "../helpers/events"
import { setPluginOptions } from "../helpers/plugin-options"
import { storefrontHeaders } from "../helpers/store"
import { runJob } from "../helpers/run-job"
import {
  cartAtPayment,
  createShopFixture,
  SANDBOX_PROVIDER,
  setStock,
  type ShopFixture,
} from "../helpers/shop-fixture"
import { waitFor } from "../helpers/wait"

jest.setTimeout(240_000)

setPluginOptions({ storefrontUrl: "https://shop.example.com/" })

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

const MIN = 60_000
const HOUR = 60 * MIN

type ApiError = {
  response: { status: number; data: { type: string; message: string } }
}

type Reminder = {
  to: string
  idempotency_key: string | null
  data: {
    step: number
    cart_id: string
    items: Record<string, unknown>[]
    totals: Record<string, number | null>
    currency_code: string
    recovery_url: string
    unsubscribe_url: string
  }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let storeHeaders: Record<string, string>
    let adminHeaders: Record<string, string>
    let clock: ManualClock

    beforeAll(async () => {
      const c = getContainer()
      shop = await createShopFixture(c, 100)
      storeHeaders = await storefrontHeaders(c, shop.salesChannelId)
    })

    beforeEach(async () => {
      container = getContainer()
      adminHeaders = (await createAdminUser(container)).headers
      clock = new ManualClock(new Date())
      setClock(clock)
    })

    afterEach(() => resetClock())

    const service = () => autopilotService(container)

    const activityOf = async (cartId: string) =>
      (await service().listCartActivities({ cart_id: cartId }))[0]

    /** A cart with items and an email, as its activity row sees it. */
    const makeCart = async ({
      email = "ann@example.com" as string | null,
      quantity = 1,
      customerId = undefined as string | undefined,
      items = true,
    } = {}) => {
      const { result: cart } = await createCartWorkflow(container).run({
        input: {
          region_id: shop.regionId,
          sales_channel_id: shop.salesChannelId,
          ...(email && { email }),
          ...(customerId && { customer_id: customerId }),
          currency_code: "eur",
          items: items ? [{ variant_id: shop.variantId, quantity }] : [],
        },
      })
      await waitFor(
        () => activityOf(cart.id),
        (row) => !!row,
        { what: "the cart's activity row" }
      )
      return cart.id
    }

    const reminders = async (cartId?: string): Promise<Reminder[]> =>
      (
        (await container
          .resolve(Modules.NOTIFICATION)
          .listNotifications({}, { take: null })) as unknown as Reminder[]
      )
        .filter(
          (n) =>
            (n.data as Record<string, unknown>)?.notification_name ===
            "autopilot.cart.reminder"
        )
        .filter((n) => !cartId || n.data.cart_id === cartId)
        .sort((a, b) => a.data.step - b.data.step)

    const run = (dryRun = false) =>
      runJob(container, "cart-reminders", { dryRun })

    const setJobOptions = (options: Record<string, unknown>) =>
      api.post(
        "/admin/autopilot/jobs/cart-reminders",
        { options },
        { headers: adminHeaders }
      )

    type RunRecord = Awaited<ReturnType<typeof run>>
    const notesOf = (r: RunRecord) =>
      ((r.summary as { notes?: string[] } | null)?.notes ?? []).join(" ")
    const actionsOf = (r: RunRecord) =>
      (r.summary as { actions: Record<string, unknown> }).actions

    const tokenOf = (url: string) => new URL(url).searchParams.get("token")!

    const recover = (token: string) =>
      api
        .post(
          "/store/autopilot/cart-recovery",
          { token },
          { headers: storeHeaders }
        )
        .then(
          (r: { status: number; data: Record<string, unknown> }) => ({
            status: r.status,
            data: r.data,
          }),
          (e: ApiError) => ({
            status: e.response.status,
            data: e.response.data,
          })
        )

    describe("sequence", () => {
      it("sends each step once, after the step's inactivity, with the cart's items, totals and links", async () => {
        const cartId = await makeCart({ email: "Ann@Example.com", quantity: 2 })
        const sentEvents = captureEvents<Record<string, unknown>>(
          getContainer(),
          "autopilot.cart.reminder_sent"
        )

        clock.advance(30 * MIN)
        await run()
        expect(await reminders(cartId)).toHaveLength(0)

        clock.advance(31 * MIN) // 61 min idle
        const first = await run()
        expect(first.status).toBe("succeeded")
        let sent = await reminders(cartId)
        expect(sent).toHaveLength(1)
        const [one] = sent
        expect(one.to).toBe("ann@example.com")
        expect(one.idempotency_key).toBe(`cart-reminder:${cartId}:1`)
        expect(one.data).toMatchObject({
          step: 1,
          cart_id: cartId,
          currency_code: "eur",
          items: [
            {
              title: "Test tee",
              variant_title: "M",
              quantity: 2,
              unit_price: 20,
            },
          ],
        })
        expect(one.data.items[0]).toHaveProperty("thumbnail")
        expect(one.data.totals.total).toBe(40)
        expect(one.data.recovery_url).toMatch(
          /^https:\/\/shop\.example\.com\/cart\/recover\?token=[\w-]{43}$/
        )
        expect(one.data.unsubscribe_url).toMatch(
          /^https:\/\/shop\.example\.com\/autopilot\/unsubscribe\?token=[\w-]{43}$/
        )

        // The same step never again, however often the job runs.
        await run()
        clock.advance(22 * HOUR) // 23 h idle
        await run()
        expect(await reminders(cartId)).toHaveLength(1)

        clock.advance(HOUR) // 24 h idle
        await run()
        sent = await reminders(cartId)
        expect(sent.map((r) => r.data.step)).toEqual([1, 2])

        clock.advance(48 * HOUR) // 72 h idle
        await run()
        clock.advance(24 * HOUR)
        await run()
        sent = await reminders(cartId)
        expect(sent.map((r) => r.data.step)).toEqual([1, 2, 3])

        const activity = await activityOf(cartId)
        expect(activity.reminders_sent).toBe(3)
        const ledger = await service().listCartReminders({ cart_id: cartId })
        expect(ledger.map((l) => [l.step, l.status]).sort()).toEqual([
          [1, "sent"],
          [2, "sent"],
          [3, "sent"],
        ])
        expect(ledger.every((l) => l.notification_id)).toBe(true)
        const [lead] = await service().listCartLeads({ cart_id: cartId })
        expect(lead).toMatchObject({
          status: "open",
          email: "ann@example.com",
          reminders_sent: 3,
          currency_code: "eur",
          consent: { mode: "all", given: true },
        })
        expect(Number(lead.total)).toBe(40)
        expect(lead.items).toEqual([
          expect.objectContaining({ title: "Test tee", quantity: 2 }),
        ])
        // One event per reminder sent, naming the lead, the cart and the step.
        await waitFor(
          async () => sentEvents.events,
          (e) => e.length === 3,
          { what: "autopilot.cart.reminder_sent" }
        )
        sentEvents.stop()
        expect(sentEvents.events.map((e) => e.step)).toEqual([1, 2, 3])
        for (const [i, e] of sentEvents.events.entries()) {
          expect(e).toMatchObject({
            id: lead.id,
            cart_id: cartId,
            notification_id: ledger.find((l) => l.step === i + 1)!
              .notification_id,
          })
        }
      })

      it("restarts the clock when the cart is touched again, and never reminds carts idle past stop_after_hours", async () => {
        const cartId = await makeCart()
        const old = await makeCart({ email: "old@example.com" })
        clock.advance(61 * MIN)
        await run()
        expect(await reminders(cartId)).toHaveLength(1)

        // The shopper comes back: step 2 counts from the new activity.
        clock.set(new Date()) // real time, so the cart's updated_at is "now"
        await updateCartWorkflow(container).run({
          input: { id: cartId, metadata: { back: true } },
        })
        await waitFor(
          () => activityOf(cartId),
          (row) => new Date(row.last_active_at).getTime() > Date.now() - MIN,
          { what: "the new activity" }
        )
        clock.advance(23 * HOUR)
        await run()
        expect(await reminders(cartId)).toHaveLength(1)
        clock.advance(HOUR + MIN)
        await run()
        expect((await reminders(cartId)).map((r) => r.data.step)).toEqual([
          1, 2,
        ])

        // `old` got steps 1 and 2 along the way; 8 days on it is past
        // stop_after_hours and step 3 never goes out.
        expect(await reminders(old)).toHaveLength(2)
        clock.advance(8 * 24 * HOUR)
        await run()
        expect(await reminders(old)).toHaveLength(2)
      })

      it("reports on a dry run what it would send, and sends nothing", async () => {
        const cartId = await makeCart()
        clock.advance(2 * HOUR)
        const dry = await run(true)
        expect(actionsOf(dry)["would-remind:step-1"]).toMatchObject({
          count: 1,
          sample: [cartId],
        })
        expect(await reminders()).toHaveLength(0)
        expect(await service().listCartReminders({})).toHaveLength(0)
        expect(await service().listCartLeads({})).toHaveLength(0)
      })
    })

    describe("stop conditions", () => {
      it("skips carts without items or email, and carts worth nothing", async () => {
        const empty = await makeCart({ items: false })
        const anonymous = await makeCart({ email: null })
        // Items at a price of 0: nothing to win back.
        const { result: free } = await createCartWorkflow(container).run({
          input: {
            region_id: shop.regionId,
            sales_channel_id: shop.salesChannelId,
            email: "free@example.com",
            currency_code: "eur",
            items: [{ variant_id: shop.variantId, quantity: 1, unit_price: 0 }],
          },
        })
        await waitFor(
          () => activityOf(free.id),
          (row) => !!row,
          { what: "the free cart's activity row" }
        )
        clock.advance(2 * HOUR)
        await run()
        expect(await reminders(empty)).toHaveLength(0)
        expect(await reminders(anonymous)).toHaveLength(0)
        expect(await reminders(free.id)).toHaveLength(0)
        // …and no lead for it.
        expect(await service().listCartLeads({ cart_id: free.id })).toEqual([])
      })

      it("stops once the cart became an order, and a reminded cart's lead turns recovered with the order", async () => {
        const { cartId } = await cartAtPayment(container, shop, {
          email: "buyer@example.com",
          providerId: "pp_system_default",
        })
        await waitFor(
          () => activityOf(cartId),
          (row) => !!row,
          { what: "the activity row" }
        )
        clock.advance(2 * HOUR)
        await run()
        const [first] = await reminders(cartId)
        expect(first).toBeDefined()

        const token = tokenOf(first.data.recovery_url)
        expect(await recover(token)).toEqual({
          status: 200,
          data: { cart_id: cartId },
        })

        const { result: order } = await completeCartWorkflow(container).run({
          input: { id: cartId },
        })
        const lead = await waitFor(
          async () => (await service().listCartLeads({ cart_id: cartId }))[0],
          (l) => l?.status === "recovered",
          { what: "the recovered lead" }
        )
        expect(lead.recovered_order_id).toBe(order.id)
        expect(Number(lead.recovered_total)).toBeGreaterThan(0)
        expect(lead.recovered_at).toBeTruthy()
        expect((await activityOf(cartId)).state).toBe("completed")

        // The recovery link of an ordered cart: 409.
        expect((await recover(token)).status).toBe(409)

        clock.advance(30 * HOUR)
        await run()
        expect(await reminders(cartId)).toHaveLength(1)
      })

      it("stops when the shopper ordered since the cart's last activity (another cart of that email)", async () => {
        const cartId = await makeCart({ email: "buyer@example.com" })
        const other = await cartAtPayment(container, shop, {
          email: "Buyer@example.com",
          providerId: "pp_system_default",
        })
        await completeCartWorkflow(container).run({
          input: { id: other.cartId },
        })
        await waitFor(
          () => activityOf(other.cartId),
          (row) => row?.state === "completed",
          { what: "the order" }
        )
        clock.advance(2 * HOUR)
        const result = await run()
        expect(await reminders(cartId)).toHaveLength(0)
        expect(notesOf(result)).toMatch(/1 ordered since/)

        // Without the plugin's own record of that order (e.g. an order
        // that came from no cart), Medusa's orders by email still tell.
        const [otherRow] = await service().listCartActivities({
          cart_id: other.cartId,
        })
        await service().deleteCartActivities([otherRow.id])
        const again = await run()
        expect(await reminders(cartId)).toHaveLength(0)
        expect(notesOf(again)).toMatch(/1 ordered since/)
      })

      it("stops after the shopper unsubscribed through the reminder's link", async () => {
        const cartId = await makeCart({ email: "quit@example.com" })
        clock.advance(2 * HOUR)
        await run()
        const [first] = await reminders(cartId)
        const res = await api.post(
          "/store/autopilot/unsubscribe",
          { token: tokenOf(first.data.unsubscribe_url) },
          { headers: storeHeaders }
        )
        expect(res.data).toEqual({ status: "unsubscribed" })
        expect(
          await service().listCartOptouts({ email: "quit@example.com" })
        ).toHaveLength(1)
        // A new cart of the same address is not reminded either.
        const second = await makeCart({ email: "quit@example.com" })
        clock.advance(30 * HOUR)
        const result = await run()
        expect(await reminders(cartId)).toHaveLength(1)
        expect(await reminders(second)).toHaveLength(0)
        expect(notesOf(result)).toMatch(/unsubscribed/)
      })

      it("sends a lead's next reminder now from the admin, with every check a scheduled one passes", async () => {
        const cartId = await makeCart({ email: "now@example.com" })
        clock.advance(61 * MIN)
        await run()
        expect((await reminders(cartId)).map((r) => r.data.step)).toEqual([1])
        const [lead] = await service().listCartLeads({ cart_id: cartId })

        // The next step (due after 24 h idle) goes out at once.
        const remindNow = async () => {
          const res = await api.post(
            `/admin/autopilot/leads/${lead.id}/remind`,
            {},
            { headers: adminHeaders }
          )
          expect(res.status).toBe(202)
          expect(res.data.run).toMatchObject({
            job_name: "cart-reminders",
            trigger: "manual",
          })
          return waitFor(
            () => service().retrieveJobRun(res.data.run.id),
            (r) => !!r.finished_at,
            { what: "the one-off run" }
          )
        }
        const done = await remindNow()
        expect(done.status).toBe("succeeded")
        expect(done.params).toEqual({ cart_id: cartId, lead_id: lead.id })
        expect((await reminders(cartId)).map((r) => r.data.step)).toEqual([
          1, 2,
        ])

        // Opted out: nothing goes out, and the run says why.
        await service().createCartOptouts({ email: "now@example.com" })
        const refused = await remindNow()
        expect(refused.status).toBe("succeeded")
        expect(notesOf(refused as never)).toMatch(/unsubscribed/)
        expect(await reminders(cartId)).toHaveLength(2)

        const unknown = await api
          .post(
            "/admin/autopilot/leads/aplead_nope/remind",
            {},
            {
              headers: adminHeaders,
            }
          )
          .catch((e: { response: unknown }) => e.response)
        expect((unknown as { status: number }).status).toBe(404)
        await service().updateCartLeads({ id: lead.id, status: "recovered" })
        const recovered = await api
          .post(
            `/admin/autopilot/leads/${lead.id}/remind`,
            {},
            {
              headers: adminHeaders,
            }
          )
          .catch((e: { response: unknown }) => e.response)
        expect(
          recovered as { status: number; data: { message: string } }
        ).toMatchObject({
          status: 400,
          data: { message: expect.stringMatching(/became an order/) },
        })
      })

      it("leaves a cart whose payment is in flight at a provider to payment recovery, until it gives up", async () => {
        const { cartId, session } = await cartAtPayment(container, shop, {
          email: "paying@example.com",
          providerId: SANDBOX_PROVIDER,
        })
        expect(session.status).toBe("pending")
        await waitFor(
          () => activityOf(cartId),
          (row) => !!row,
          { what: "the activity row" }
        )
        clock.advance(2 * HOUR)
        const result = await run()
        expect(await reminders(cartId)).toHaveLength(0)
        expect(notesOf(result)).toMatch(/1 payment in flight/)

        // Once payment recovery gave the session up, the reminder goes out.
        await service().createPaymentRecoveries({
          payment_session_id: session.id,
          payment_collection_id: session.payment_collection_id,
          cart_id: cartId,
          provider_id: SANDBOX_PROVIDER,
          amount: 25,
          currency_code: "eur",
          email: "paying@example.com",
          status: "abandoned",
          resolution: "expired",
          session_created_at: new Date(),
        } as never)
        await run()
        expect(await reminders(cartId)).toHaveLength(1)
      })

      it("waits while an item cannot be bought, and sends once it can", async () => {
        const cartId = await makeCart({ quantity: 3 })
        await setStock(container, shop, 2)
        clock.advance(2 * HOUR)
        const result = await run()
        expect(await reminders(cartId)).toHaveLength(0)
        expect(notesOf(result)).toMatch(/1 unavailable/)
        await setStock(container, shop, 100)
        await run()
        expect(await reminders(cartId)).toHaveLength(1)
      })
    })

    describe("consent", () => {
      const customer = async (email: string, optIn?: boolean) => {
        const {
          result: [c],
        } = await createCustomersWorkflow(container).run({
          input: {
            customersData: [
              {
                email,
                ...(optIn !== undefined && {
                  metadata: { marketing_opt_in: optIn },
                }),
              },
            ],
          },
        })
        return c.id
      }

      it("`all` reminds every cart with an email, guests included", async () => {
        const guest = await makeCart({ email: "guest@example.com" })
        clock.advance(2 * HOUR)
        await run()
        expect(await reminders(guest)).toHaveLength(1)
      })

      it("`marketing_opt_in` reminds only customers whose consent field is true", async () => {
        expect(
          (
            await setJobOptions({
              consent: "marketing_opt_in",
              consent_field: "metadata.marketing_opt_in",
            })
          ).status
        ).toBe(200)
        const yes = await makeCart({
          email: "yes@example.com",
          customerId: await customer("yes@example.com", true),
        })
        const no = await makeCart({
          email: "no@example.com",
          customerId: await customer("no@example.com", false),
        })
        const guest = await makeCart({ email: "guest@example.com" })
        clock.advance(2 * HOUR)
        const result = await run()
        expect(await reminders(yes)).toHaveLength(1)
        expect(await reminders(no)).toHaveLength(0)
        expect(await reminders(guest)).toHaveLength(0)
        expect(notesOf(result)).toMatch(/2 no consent/)
        const [lead] = await service().listCartLeads({ cart_id: yes })
        expect(lead.consent).toEqual({
          mode: "marketing_opt_in",
          field: "metadata.marketing_opt_in",
          given: true,
        })
      })

      it("refuses bad options", async () => {
        const res = await setJobOptions({ steps: [60, 30] }).catch(
          (e: ApiError) => e.response
        )
        expect(res.status).toBe(400)
        const six = await setJobOptions({ steps: [1, 2, 3, 4, 5, 6] }).catch(
          (e: ApiError) => e.response
        )
        expect(six.status).toBe(400)
      })
    })

    describe("exactly once", () => {
      it("never sends twice when two runs start at once", async () => {
        const cartId = await makeCart()
        clock.advance(2 * HOUR)
        await Promise.all([run(), run(), run()])
        expect(await reminders(cartId)).toHaveLength(1)
      })

      it("a run that died right after sending: the next one records it and sends nothing again", async () => {
        const cartId = await makeCart()
        clock.advance(2 * HOUR)
        // The dead run: it claimed step 1, the message went out, then it died.
        const dead = await service().createJobRuns({
          job_name: "cart-reminders",
          trigger: "schedule",
          status: "failed",
        })
        await service().claimCartReminder({
          cart_id: cartId,
          step: 1,
          email: "ann@example.com",
          run_id: dead.id,
        })
        await container.resolve(Modules.NOTIFICATION).createNotifications({
          to: "ann@example.com",
          channel: "email",
          template: "autopilot.cart.reminder",
          idempotency_key: `cart-reminder:${cartId}:1`,
          data: {
            notification_name: "autopilot.cart.reminder",
            cart_id: cartId,
            step: 1,
          },
        })
        await run()
        await run()
        expect(await reminders(cartId)).toHaveLength(1)
        const [entry] = await service().listCartReminders({ cart_id: cartId })
        expect(entry.status).toBe("sent")
        expect((await activityOf(cartId)).reminders_sent).toBe(1)
      })

      it("leaves a step alone while a live run holds its claim, and takes it over once that run is gone", async () => {
        const cartId = await makeCart()
        clock.advance(2 * HOUR)
        const live = await service().createJobRuns({
          job_name: "cart-reminders",
          trigger: "schedule",
          status: "running",
          heartbeat_at: clock.now(),
        })
        await service().claimCartReminder({
          cart_id: cartId,
          step: 1,
          email: "ann@example.com",
          run_id: live.id,
        })
        const skipped = await run()
        expect(await reminders(cartId)).toHaveLength(0)
        expect(notesOf(skipped)).toMatch(/in progress/)

        await service().updateJobRuns({ id: live.id, status: "failed" })
        await run()
        expect(await reminders(cartId)).toHaveLength(1)
      })
    })

    describe("recovery route", () => {
      it("answers 400 for a bad or expired token, 200 with the cart for a good one", async () => {
        const cartId = await makeCart()
        clock.advance(2 * HOUR)
        await run()
        const [first] = await reminders(cartId)
        const token = tokenOf(first.data.recovery_url)

        expect(await recover(token)).toEqual({
          status: 200,
          data: { cart_id: cartId },
        })
        const bad = await recover("not-a-token")
        expect(bad.status).toBe(400)
        expect(bad.data.message).toBe("This link is invalid or has expired")
        // An unsubscribe token is no recovery token.
        expect(
          (await recover(tokenOf(first.data.unsubscribe_url))).status
        ).toBe(400)
        const empty = await api
          .post("/store/autopilot/cart-recovery", {}, { headers: storeHeaders })
          .catch((e: ApiError) => e.response)
        expect(empty.status).toBe(400)

        clock.advance(15 * 24 * HOUR) // past recovery_token_days (14)
        const expired = await recover(token)
        expect(expired).toEqual({ status: 400, data: bad.data })
      })
    })

    describe("leads admin", () => {
      it("lists leads by status and email, and exports them as CSV", async () => {
        const a = await makeCart({ email: "alice@example.com" })
        await makeCart({ email: "bob@example.com" })
        clock.advance(2 * HOUR)
        await run()
        // One lead recovered by hand (as order.placed would).
        const [leadA] = await service().listCartLeads({ cart_id: a })
        await service().updateCartLeads({
          id: leadA.id,
          status: "recovered",
          recovered_order_id: "order_test",
        })

        const all = await api.get("/admin/autopilot/leads", {
          headers: adminHeaders,
        })
        expect(all.data.count).toBe(2)
        const open = await api.get("/admin/autopilot/leads?status=open", {
          headers: adminHeaders,
        })
        expect(open.data.leads.map((l: { email: string }) => l.email)).toEqual([
          "bob@example.com",
        ])
        const q = await api.get("/admin/autopilot/leads?q=ALI", {
          headers: adminHeaders,
        })
        expect(q.data.leads).toHaveLength(1)
        expect(q.data.leads[0]).toMatchObject({
          email: "alice@example.com",
          status: "recovered",
          recovered_order_id: "order_test",
          reminders_sent: 1,
        })

        const csv = await api.get("/admin/autopilot/leads?format=csv", {
          headers: adminHeaders,
        })
        expect(csv.headers["content-type"]).toMatch(/text\/csv/)
        const lines = (csv.data as string).trim().split("\n")
        expect(lines[0]).toMatch(/^id,status,email,customer_id,cart_id,/)
        expect(lines).toHaveLength(3)
        expect(csv.data).toContain("alice@example.com")
        expect(csv.data).toContain("1x Test tee (M)")

        const byAccept = await api.get("/admin/autopilot/leads?status=open", {
          headers: { ...adminHeaders, accept: "text/csv" },
        })
        expect((byAccept.data as string).trim().split("\n")).toHaveLength(2)

        const bad = await api
          .get("/admin/autopilot/leads?status=lost", { headers: adminHeaders })
          .catch((e: ApiError) => e.response)
        expect(bad.status).toBe(400)
      })
    })

    describe("backfill", () => {
      it("reminds carts that existed before the plugin (no activity row yet)", async () => {
        const cartId = await makeCart({ email: "early@example.com" })
        const rows = await service().listCartActivities({}, { take: null })
        await service().deleteCartActivities(rows.map((r) => r.id))
        expect(
          await service().listStates({ key: CART_BACKFILL_STATE_KEY })
        ).toHaveLength(0)
        clock.advance(2 * HOUR)
        const result = await run()
        expect(await reminders(cartId)).toHaveLength(1)
        expect(notesOf(result)).toMatch(/backfill/)
        const [state] = await service().listStates({
          key: CART_BACKFILL_STATE_KEY,
        })
        expect(state.value).toMatchObject({ done: true })
      })
    })
  },
})
