import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createOrderWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService } from "../../src/runtime/settings"
import { issueToken } from "../../src/runtime/tokens"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { runJob } from "../helpers/run-job"
import { createShopFixture, type ShopFixture } from "../helpers/shop-fixture"
import { RELAXED_SIGNUP_LIMITS, storefrontHeaders } from "../helpers/store"

jest.setTimeout(180_000)

setPluginOptions({
  storefrontUrl: "https://shop.example.com",
  jobs: {
    "restock-alerts": {
      options: { ...RELAXED_SIGNUP_LIMITS, double_opt_in: true },
    },
  },
})

type ApiError = {
  response: { status: number; data: { type: string; message: string } }
}

const DAY = 86_400_000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let storeHeaders: Record<string, string>
    let adminHeaders: Record<string, string>
    let adminId: string

    beforeAll(async () => {
      const c = getContainer()
      shop = await createShopFixture(c, 0) // sold out
      storeHeaders = await storefrontHeaders(c, shop.salesChannelId)
    })

    beforeEach(async () => {
      container = getContainer()
      const admin = await createAdminUser(container)
      adminHeaders = admin.headers
      adminId = admin.user.id
    })

    const service = () => autopilotService(container)
    const signup = (email: string) =>
      api.post(
        "/store/restock-subscriptions",
        { variant_id: shop.variantId, email },
        { headers: storeHeaders }
      )
    const sentTo = async (to: string) =>
      container.resolve(Modules.NOTIFICATION).listNotifications({ to })
    /** The privacy routes: the email goes in the JSON body, never the URL. */
    const people = (action: "export" | "erase", body: unknown) =>
      api.post(`/admin/autopilot/people/${action}`, body, {
        headers: adminHeaders,
      })
    const refused = <T>(request: Promise<T>) =>
      request.then(
        () => {
          throw new Error("expected the request to be refused")
        },
        (e: ApiError) => e.response
      )
    /** The deprecated forms, `GET` and `DELETE /admin/autopilot/people?email=`. */
    const peopleByQuery = (method: "get" | "delete", query: string) =>
      api.request({
        method,
        url: `/admin/autopilot/people?${query}`,
        headers: adminHeaders,
      })

    /** One person's data in every domain the plugin has. */
    async function seedPerson(email: string, cartId: string) {
      await signup(email)
      await service().createCartActivities({
        cart_id: cartId,
        email,
        customer_id: "cus_1",
        cart_created_at: new Date(),
        last_active_at: new Date(),
      })
      await service().createCartLeads({
        cart_id: cartId,
        email,
        customer_id: "cus_1",
        status: "archived",
        archived_at: new Date(),
        consent: { basis: "marketing_opt_in", given: true },
        items: { lines: [{ title: "Test tee", quantity: 1 }] },
      })
      await issueToken(container, "cart_recovery", cartId, DAY)
      await service().createCartReminders({
        cart_id: cartId,
        step: 1,
        email,
        status: "sent",
        sent_at: new Date(),
      })
      await service().createCartOptouts({ email })
      await service().createPaymentRecoveries({
        payment_session_id: `payses_${cartId}`,
        payment_collection_id: `paycol_${cartId}`,
        cart_id: cartId,
        provider_id: "pp_stripe_stripe",
        amount: 20,
        currency_code: "eur",
        email,
        session_created_at: new Date(),
      })
    }

    describe("export and erase", () => {
      it("exports everything about one person, erases it across the plugin's tables, and audits both without the email", async () => {
        await seedPerson("ann@example.com", "cart_ann")
        await seedPerson("bo@example.com", "cart_bo")

        const exported = await people("export", { email: " Ann@Example.COM " })
        expect(exported.status).toBe(200)
        const data = exported.data.person.data
        expect(exported.data.person.email).toBe("ann@example.com")
        expect(data.restock.autopilot_restock_subscription).toEqual([
          expect.objectContaining({
            email: "ann@example.com",
            status: "pending_confirmation",
          }),
        ])
        // confirm and unsubscribe links; hashes are never exported
        expect(data.restock.autopilot_token).toHaveLength(2)
        expect(JSON.stringify(data.restock.autopilot_token)).not.toMatch(
          /"hash"/
        )
        expect(data.carts.autopilot_cart_activity).toHaveLength(1)
        expect(data.carts.autopilot_cart_reminder).toEqual([
          expect.objectContaining({ cart_id: "cart_ann", step: 1 }),
        ])
        expect(data.carts.autopilot_cart_optout).toHaveLength(1)
        expect(data.carts.autopilot_cart_lead).toEqual([
          expect.objectContaining({ cart_id: "cart_ann", status: "archived" }),
        ])
        expect(data.payment_recovery.autopilot_payment_recovery).toHaveLength(1)
        // The signup's per-email counter (rate-limiter-flexible's store).
        expect(data.rate_limits.rate_limit_counters).toEqual([
          expect.objectContaining({
            limit: "autopilot:rl:restock-signup-email",
            points: 1,
          }),
          expect.objectContaining({
            limit: "autopilot:rl:restock-confirmation",
            points: 1,
          }),
        ])
        expect(JSON.stringify(data.rate_limits)).not.toMatch(/ann@/)
        expect(data.notifications.notification).toEqual([
          expect.objectContaining({
            to: "ann@example.com",
            template: "autopilot.restock.confirm",
          }),
        ])
        expect(JSON.stringify(data)).not.toMatch(/bo@example\.com/)

        // An unknown person: the same shape, every table empty.
        const nobody = await people("export", { email: "nobody@example.com" })
        expect(nobody.status).toBe(200)
        for (const [domain, tables] of Object.entries(data)) {
          expect(Object.keys(nobody.data.person.data[domain])).toEqual(
            Object.keys(tables as object)
          )
          for (const rows of Object.values(nobody.data.person.data[domain])) {
            expect(rows).toEqual([])
          }
        }

        const unsubscribeUrl = String(
          (await sentTo("ann@example.com"))[0].data!.unsubscribe_url
        )
        const erased = await people("erase", { email: "ann@example.com" })
        expect(erased.status).toBe(200)
        expect(erased.data.erased).toMatchObject({
          "restock.autopilot_restock_subscription": 1,
          "restock.autopilot_token": 2,
          "carts.autopilot_cart_activity": 1,
          "carts.autopilot_cart_lead": 1,
          "carts.autopilot_token": 1,
          "carts.autopilot_cart_reminder": 1,
          "carts.autopilot_cart_optout": 1,
          "payment_recovery.autopilot_payment_recovery": 1,
          "rate_limits.autopilot_rate_limit": expect.any(Number),
          "rate_limits.rate_limit_counters": 2,
        })

        // Nothing left under the email …
        const after = (await people("export", { email: "ann@example.com" }))
          .data.person.data
        for (const [domain, tables] of Object.entries(after)) {
          if (domain === "notifications") continue // Medusa's table, see the README
          for (const rows of Object.values(tables as object)) {
            expect(rows).toEqual([])
          }
        }
        // … the anonymised records stay for the shop's figures …
        const [lead] = await service().listCartLeads({ cart_id: "cart_ann" })
        expect(lead).toMatchObject({
          email: null,
          customer_id: null,
          consent: null,
          status: "archived",
        })
        const [activity] = await service().listCartActivities({
          cart_id: "cart_ann",
        })
        // no more reminders about these carts, whatever the feed copies back
        expect(activity).toMatchObject({
          email: null,
          customer_id: null,
          reminders_sent: 5,
        })
        const [recovery] = await service().listPaymentRecoveries({
          cart_id: "cart_ann",
        })
        expect(recovery).toMatchObject({ email: null, amount: 20 })
        // … the links in old messages are dead …
        const dead = await api
          .post(
            "/store/autopilot/unsubscribe",
            { token: new URL(unsubscribeUrl).searchParams.get("token") },
            { headers: storeHeaders }
          )
          .catch((e: ApiError) => e.response)
        expect(dead.status).toBe(400)
        // … and the other person is untouched.
        const bo = (await people("export", { email: "bo@example.com" })).data
          .person.data
        expect(bo.restock.autopilot_restock_subscription).toHaveLength(1)
        expect(bo.carts.autopilot_cart_lead).toHaveLength(1)
        expect(bo.payment_recovery.autopilot_payment_recovery).toHaveLength(1)

        // Erasing again is harmless.
        const again = await people("erase", { email: "ann@example.com" })
        expect(
          again.data.erased["restock.autopilot_restock_subscription"]
        ).toBe(0)

        const audit = await service().listPrivacyAudits(
          {},
          { order: { created_at: "ASC" } }
        )
        expect(audit.map((a) => a.action)).toEqual([
          "export",
          "export",
          "erase",
          "export",
          "export",
          "erase",
        ])
        expect(JSON.stringify(audit)).not.toMatch(/@example\.com/)
        expect(audit.every((a) => a.actor === adminId)).toBe(true)
        const annHash = audit[0].subject_hash
        expect(annHash).toMatch(/^[0-9a-f]{64}$/)
        expect(audit[2].subject_hash).toBe(annHash) // same person, same hash
        expect(audit[1].subject_hash).not.toBe(annHash) // nobody@
        expect(audit[2].counts).toEqual(erased.data.erased)
      })

      it("refuses a missing, malformed or extra parameter with 400", async () => {
        for (const action of ["export", "erase"] as const) {
          for (const body of [
            {},
            { email: "not-an-email" },
            { email: 42 },
            { email: "a@example.com", extra: 1 },
            { email: `${"a".repeat(300)}@example.com` },
          ]) {
            const res = await refused(people(action, body))
            expect([res.status, res.data.type]).toEqual([400, "invalid_data"])
            expect(res.data.message).toBeTruthy()
          }
          // The email in the URL is not read by the POST forms.
          const inQuery = await refused(
            api.post(
              `/admin/autopilot/people/${action}?email=a@example.com`,
              {},
              { headers: adminHeaders }
            )
          )
          expect(inQuery.status).toBe(400)
        }
        for (const method of ["get", "delete"] as const) {
          for (const query of [
            "",
            "email=not-an-email",
            "email=a@example.com&extra=1",
            `email=${"a".repeat(300)}@example.com`,
          ]) {
            const res = await refused(peopleByQuery(method, query))
            expect([res.status, res.data.type]).toEqual([400, "invalid_data"])
            expect(res.data.message).toBeTruthy()
          }
        }
        expect(await service().listPrivacyAudits({})).toHaveLength(0)
      })

      it("the deprecated GET and DELETE forms still answer as the POST forms do, marked deprecated", async () => {
        await seedPerson("dee@example.com", "cart_dee")
        const viaPost = await people("export", { email: "dee@example.com" })
        const viaGet = await peopleByQuery("get", "email=dee@example.com")
        expect(viaGet.status).toBe(200)
        expect(viaGet.data.person).toEqual(viaPost.data.person)
        expect(viaGet.headers["deprecation"]).toBe("true")
        expect(viaGet.headers["link"]).toBe(
          '</admin/autopilot/people/export>; rel="successor-version"'
        )
        expect(viaPost.headers["deprecation"]).toBeUndefined()

        const erased = await peopleByQuery("delete", "email=dee@example.com")
        expect(erased.status).toBe(200)
        expect(erased.headers["deprecation"]).toBe("true")
        expect(erased.headers["link"]).toBe(
          '</admin/autopilot/people/erase>; rel="successor-version"'
        )
        expect(
          erased.data.erased["restock.autopilot_restock_subscription"]
        ).toBe(1)
        const again = await people("erase", { email: "dee@example.com" })
        expect(Object.keys(again.data.erased)).toEqual(
          Object.keys(erased.data.erased)
        )
        expect(
          again.data.erased["restock.autopilot_restock_subscription"]
        ).toBe(0)
      })

      it("exports a person's tracked parcels through their orders and erases the checkpoints' messages and places", async () => {
        const { result: order } = await createOrderWorkflow(container).run({
          input: {
            email: "cy@example.com",
            region_id: shop.regionId,
            sales_channel_id: shop.salesChannelId,
            currency_code: "eur",
            items: [{ title: "Test tee", quantity: 1, unit_price: 20 }],
          },
        })
        const shipment = await service().createTrackedShipments({
          provider: "sandbox",
          tracking_number: "SBX-PRIV-1",
          fulfillment_id: "ful_cy",
          order_id: order.id,
          status: "in_transit",
          raw_message: "Arrived at the depot near Cy's street",
          started_at: new Date(),
        })
        await service().createShipmentEvents({
          shipment_id: shipment.id,
          status: "in_transit",
          message: "Arrived at the depot",
          location: "12 Example Street, Berlin",
          occurred_at: new Date(),
          source: "webhook",
          dedupe_key: "k1",
        })

        const data = (await people("export", { email: "cy@example.com" })).data
          .person.data
        expect(data.shipments.autopilot_tracked_shipment).toEqual([
          expect.objectContaining({ tracking_number: "SBX-PRIV-1" }),
        ])
        expect(data.shipments.autopilot_shipment_event).toEqual([
          expect.objectContaining({ location: "12 Example Street, Berlin" }),
        ])

        const erased = await people("erase", { email: "cy@example.com" })
        expect(erased.data.erased).toMatchObject({
          "shipments.autopilot_tracked_shipment": 1,
          "shipments.autopilot_shipment_event": 1,
        })
        const [event] = await service().listShipmentEvents({
          shipment_id: shipment.id,
        })
        expect(event).toMatchObject({
          status: "in_transit",
          message: null,
          location: null,
        })
        // No more messages to the person about it; the status stays.
        expect(
          await service().retrieveTrackedShipment(shipment.id)
        ).toMatchObject({
          status: "in_transit",
          raw_message: null,
          no_notification: true,
        })
        const again = await people("erase", { email: "cy@example.com" })
        expect(again.data.erased).toMatchObject({
          "shipments.autopilot_tracked_shipment": 0,
          "shipments.autopilot_shipment_event": 0,
        })
      })
    })

    describe("unsubscribe links", () => {
      it("the link in the confirmation message unsubscribes", async () => {
        await signup("cy@example.com")
        const [message] = await sentTo("cy@example.com")
        const url = new URL(String(message.data!.unsubscribe_url))
        expect(url.origin + url.pathname).toBe(
          "https://shop.example.com/autopilot/unsubscribe"
        )
        const res = await api.post(
          "/store/autopilot/unsubscribe",
          { token: url.searchParams.get("token") },
          { headers: storeHeaders }
        )
        expect(res.data).toEqual({ status: "unsubscribed" })
        const [sub] = await service().listRestockSubscriptions({
          email: "cy@example.com",
        })
        expect(sub.status).toBe("unsubscribed")
      })
    })

    describe("retention", () => {
      async function seedAges() {
        const [finished, waiting] = await service().createRestockSubscriptions([
          {
            variant_id: shop.variantId,
            sales_channel_id: shop.salesChannelId,
            email: "done@example.com",
            status: "notified",
            notified_at: new Date(),
          },
          {
            variant_id: shop.variantId,
            sales_channel_id: shop.salesChannelId,
            email: "waiting@example.com",
            status: "active",
            active_since: new Date(),
          },
        ])
        await issueToken(container, "unsubscribe", finished.id, null)
        await issueToken(container, "unsubscribe", waiting.id, null)
        await issueToken(container, "restock_confirm", waiting.id, DAY)
        await service().createCartLeads({
          cart_id: "cart_old",
          email: "lead@example.com",
          status: "archived",
          archived_at: new Date(),
        })
        await service().createCartActivities({
          cart_id: "cart_old",
          email: "lead@example.com",
          state: "deleted",
          cart_created_at: new Date(),
          last_active_at: new Date(),
        })
        // Reminder bookkeeping: a plain step, a step whose code is done,
        // and one whose code still works (kept until it is done).
        const [plain, done, open] = await service().createCartReminders([
          { cart_id: "cart_old", step: 1, email: "lead@example.com" },
          {
            cart_id: "cart_old",
            step: 2,
            email: "lead@example.com",
            promotion_code: "BACK-DONE-0000-0000",
            promotion_removed_at: new Date(),
          },
          {
            cart_id: "cart_old",
            step: 3,
            email: "lead@example.com",
            promotion_code: "BACK-OPEN-0000-0000",
            promotion_expires_at: new Date(Date.now() + 500 * DAY),
          },
        ])
        return { finished, waiting, reminders: { plain, done, open } }
      }

      async function runAt(days: number, dryRun = false) {
        setClock(new ManualClock(new Date(Date.now() + days * DAY)))
        try {
          return await runJob(container, "cart-pruning", { dryRun })
        } finally {
          resetClock()
        }
      }

      it("deletes finished subscriptions after 180 days and leads after 365, with their tokens; keeps what is still waiting", async () => {
        const { finished, waiting, reminders } = await seedAges()

        const early = await runAt(179)
        expect(early.status).toBe("succeeded")
        // Only the expired confirm token is due at 179 days.
        expect(early.summary).toMatchObject({
          actions: { "retention:autopilot_token": { count: 1 } },
        })
        expect(
          Object.keys((early.summary as { actions: object }).actions)
        ).toEqual(["retention:autopilot_token"])

        const dry = await runAt(181, true)
        expect(dry.summary).toMatchObject({
          actions: {
            "retention:autopilot_restock_subscription": {
              count: 1,
              sample: [finished.id],
            },
          },
        })
        expect(
          await service().listRestockSubscriptions({ id: finished.id })
        ).toHaveLength(1)

        const mid = await runAt(181)
        expect(mid.status).toBe("succeeded")
        expect(mid.summary).toMatchObject({
          actions: {
            "retention:autopilot_restock_subscription": { count: 1 },
            "retention:autopilot_token": { count: 1 },
          },
        })
        expect(
          (await service().listRestockSubscriptions({})).map((s) => s.id)
        ).toEqual([waiting.id])
        expect(
          (await service().listTokens({})).map((t) => t.subject_id)
        ).toEqual([waiting.id]) // its unsubscribe link lives on
        expect(await service().listCartLeads({})).toHaveLength(1)

        const late = await runAt(366)
        expect(late.status).toBe("succeeded")
        expect(late.summary).toMatchObject({
          actions: {
            "retention:autopilot_cart_lead": { count: 1 },
            "retention:autopilot_cart_activity": { count: 1 },
            "retention:autopilot_cart_reminder": {
              count: 2,
              sample: expect.arrayContaining([
                reminders.plain.id,
                reminders.done.id,
              ]),
            },
          },
        })
        expect(
          (await service().listCartReminders({})).map((r) => r.id)
        ).toEqual([reminders.open.id])
        expect(await service().listCartLeads({})).toHaveLength(0)
        expect(await service().listCartActivities({})).toHaveLength(0)
        expect(await service().listRestockSubscriptions({})).toHaveLength(1)
      })
    })
  },
})
