import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
  PromotionActions,
} from "@medusajs/framework/utils"
import {
  completeCartWorkflow,
  updateCartPromotionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService } from "../../src/runtime/settings"
import { offerCartDiscountWorkflow } from "../../src/workflows/carts/workflows/offer-cart-discount"
import { createAdminUser } from "../helpers/admin"
import { captureEvents } from "../helpers/events"
import { setPluginOptions } from "../helpers/plugin-options"
import { runJob } from "../helpers/run-job"
import {
  cartAtPayment,
  createShopFixture,
  type ShopFixture,
} from "../helpers/shop-fixture"
import { storefrontHeaders } from "../helpers/store"
import { waitFor } from "../helpers/wait"

jest.setTimeout(300_000)

setPluginOptions({ storefrontUrl: "https://shop.example.com/" })

const MIN = 60_000
const HOUR = 60 * MIN

type Reminder = {
  data: {
    step: number
    cart_id: string
    recovery_url: string
    notification_name?: string
    discount: {
      code: string
      type: string
      value: number
      currency_code: string | null
      min_subtotal: number | null
      expires_at: string
    } | null
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
    const promotions = () => container.resolve(Modules.PROMOTION)

    const setSteps = (steps: unknown[]) =>
      api.post(
        "/admin/autopilot/jobs/cart-reminders",
        { options: { steps } },
        { headers: adminHeaders }
      )

    const reminders = async (cartId: string): Promise<Reminder[]> =>
      (
        (await container
          .resolve(Modules.NOTIFICATION)
          .listNotifications({}, { take: null })) as unknown as Reminder[]
      )
        .filter(
          (n) =>
            n.data?.notification_name === "autopilot.cart.reminder" &&
            n.data.cart_id === cartId
        )
        .sort((a, b) => a.data.step - b.data.step)

    const tokenOf = (url: string) => new URL(url).searchParams.get("token")!

    const recover = (token: string) =>
      api
        .post(
          "/store/autopilot/cart-recovery",
          { token },
          { headers: storeHeaders }
        )
        .then((r: { status: number; data: Record<string, unknown> }) => ({
          status: r.status,
          data: r.data,
        }))

    const cartCodes = async (cartId: string) => {
      const { data } = await container
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({
          entity: "cart",
          fields: ["items.adjustments.code"],
          filters: { id: cartId },
        })
      return (
        (data[0] as { items: { adjustments: { code: string }[] }[] }).items ??
        []
      ).flatMap((i) => i.adjustments.map((a) => a.code))
    }

    const promotionOf = async (code: string) =>
      (
        await promotions().listPromotions(
          { code },
          { relations: ["campaign", "application_method", "rules"] }
        )
      )[0]

    const readyCart = async (email: string) => {
      const { cartId } = await cartAtPayment(container, shop, {
        email,
        providerId: "pp_system_default",
      })
      await waitFor(
        async () =>
          (await service().listCartActivities({ cart_id: cartId }))[0],
        (row) => !!row,
        { what: "the cart's activity row" }
      )
      return cartId
    }

    it("makes one single-use code for the step, the link applies it, the order records it and no other cart can use it", async () => {
      const set = await setSteps([
        60,
        {
          after_minutes: 120,
          discount: { type: "percentage", value: 10, valid_hours: 48 },
        },
      ])
      expect(set.status).toBe(200)
      const cartId = await readyCart("disc@example.com")

      clock.advance(61 * MIN)
      await runJob(container, "cart-reminders")
      const [first] = await reminders(cartId)
      expect(first.data.discount).toBeNull()

      clock.advance(60 * MIN)
      const sentAt = clock.now()
      const run = await runJob(container, "cart-reminders")
      expect(run.status).toBe("succeeded")
      const sent = await reminders(cartId)
      expect(sent.map((r) => r.data.step)).toEqual([1, 2])
      const discount = sent[1].data.discount!
      expect(discount).toMatchObject({
        type: "percentage",
        value: 10,
        currency_code: null,
        min_subtotal: null,
      })
      expect(discount.code).toMatch(
        /^BACK-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/
      )
      expect(new Date(discount.expires_at).getTime()).toBe(
        sentAt.getTime() + 48 * HOUR
      )

      // Medusa's promotion: active, one use, order-wide 10 %, ending with the code.
      const promotion = await promotionOf(discount.code)
      expect(promotion).toMatchObject({
        status: "active",
        is_automatic: false,
        limit: 1,
        used: 0,
        application_method: {
          type: "percentage",
          target_type: "order",
        },
      })
      expect(Number(promotion.application_method!.value)).toBe(10)
      expect(new Date(promotion.campaign!.ends_at!).getTime()).toBe(
        sentAt.getTime() + 48 * HOUR
      )
      const [ledger] = await service().listCartReminders({
        cart_id: cartId,
        step: 2,
      })
      expect(ledger).toMatchObject({
        promotion_code: discount.code,
        promotion_id: promotion.id,
      })
      const [lead] = await service().listCartLeads({ cart_id: cartId })
      expect(lead.discount_code).toBe(discount.code)

      // A retry of the same step finds the code and its promotion: nothing twice.
      const before = await promotions().listPromotions({}, { take: null })
      const { result: again } = await offerCartDiscountWorkflow(container).run({
        input: {
          reminder_id: ledger.id,
          cart_id: cartId,
          step: 2,
          lead_id: lead.id,
          offer: {
            type: "percentage",
            value: 10,
            currency_code: null,
            min_subtotal: null,
            expires_at: new Date(Date.now() + 99 * HOUR),
          },
          now: clock.now(),
        },
      })
      expect(again).toMatchObject({
        code: discount.code,
        promotion_id: promotion.id,
      })
      expect(
        await promotions().listPromotions({}, { take: null })
      ).toHaveLength(before.length)

      // The link restores the cart and applies the code; again, it stays applied.
      const token = tokenOf(sent[1].data.recovery_url)
      const restored = await recover(token)
      expect(restored).toMatchObject({
        status: 200,
        data: {
          cart_id: cartId,
          discount: { code: discount.code, outcome: "applied" },
        },
      })
      expect(await cartCodes(cartId)).toContain(discount.code)
      expect((await recover(token)).data).toMatchObject({
        discount: { outcome: "applied" },
      })

      // The order: the lead records that it used the code.
      const recoveredEvents = captureEvents(
        container,
        "autopilot.cart.recovered"
      )
      const { result: order } = await completeCartWorkflow(container).run({
        input: { id: cartId },
      })
      const recovered = await waitFor(
        async () => (await service().listCartLeads({ cart_id: cartId }))[0],
        (l) => l?.status === "recovered",
        { what: "the recovered lead" }
      )
      expect(recovered).toMatchObject({
        recovered_order_id: order.id,
        discount_used: true,
        discount_code: discount.code,
      })
      expect((await promotionOf(discount.code)).used).toBe(1)
      const [event] = await waitFor(
        async () => recoveredEvents.events,
        (e) => e.length > 0,
        { what: "the cart.recovered event" }
      )
      recoveredEvents.stop()
      expect(event).toEqual({
        id: recovered.id,
        cart_id: cartId,
        order_id: order.id,
        discount_code: discount.code,
        discount_used: true,
      })

      // Another cart cannot use the spent code.
      const other = await readyCart("other@example.com")
      const { result: refused } = await updateCartPromotionsWorkflow(
        container
      ).run({
        input: {
          cart_id: other,
          promo_codes: [discount.code],
          action: PromotionActions.ADD,
        },
      })
      expect(refused.skipped_promo_codes).toEqual([
        { code: discount.code, reason: "promotion_limit_exceeded" },
      ])
      expect(await cartCodes(other)).not.toContain(discount.code)

      // The overview: recovered with a code, and without.
      const plain = await service().createCartLeads({
        cart_id: "cart_overview_plain",
        email: "plain@example.com",
        currency_code: "eur",
        total: 30,
        status: "recovered",
        reminders_sent: 1,
        recovered_total: 30,
        recovered_at: new Date(),
      })
      const { data } = await api.get("/admin/autopilot/overview?days=7", {
        headers: adminHeaders,
      })
      const carts = data.overview.cart_recovery
      expect(carts.with_discount.carts).toBe(1)
      expect(carts.with_discount.totals).toEqual([
        { currency_code: "eur", amount: Number(recovered.recovered_total) },
      ])
      expect(carts.without_discount).toEqual({
        carts: 1,
        totals: [{ currency_code: "eur", amount: 30 }],
      })
      expect(carts.carts).toBe(2)

      // The leads list and its CSV name the code and whether it was used.
      const listed = await api.post(
        "/admin/autopilot/leads/search",
        { status: "recovered" },
        { headers: adminHeaders }
      )
      expect(
        listed.data.leads.find((l: { id: string }) => l.id === recovered.id)
      ).toMatchObject({ discount_code: discount.code, discount_used: true })
      const csv = await api.get("/admin/autopilot/leads?format=csv", {
        headers: adminHeaders,
      })
      const [header, ...rows] = (csv.data as string).trim().split("\n")
      expect(header.split(",").slice(-2)).toEqual([
        "discount_code",
        "discount_used",
      ])
      const row = rows.find((r) => r.startsWith(recovered.id))!
      expect(row.split(",").slice(-2)).toEqual([discount.code, "yes"])
      expect(
        rows
          .find((r) => r.startsWith(plain.id))!
          .split(",")
          .slice(-2)
      ).toEqual(["", ""])
      await service().deleteCartLeads([plain.id])
    })

    it("a code past its end is not applied but the cart is restored; pruning deletes it", async () => {
      await setSteps([
        {
          after_minutes: 60,
          discount: {
            type: "fixed",
            value: 5,
            min_subtotal: 10,
            valid_hours: 24,
          },
        },
      ])
      const cartId = await readyCart("late@example.com")
      clock.advance(61 * MIN)
      await runJob(container, "cart-reminders")
      const [sent] = await reminders(cartId)
      const discount = sent.data.discount!
      expect(discount).toMatchObject({
        type: "fixed",
        value: 5,
        currency_code: "eur",
        min_subtotal: 10,
      })
      const promotion = await promotionOf(discount.code)
      expect(promotion.application_method).toMatchObject({
        type: "fixed",
        currency_code: "eur",
      })
      expect(promotion.rules).toEqual([
        expect.objectContaining({
          attribute: "item_subtotal",
          operator: "gte",
        }),
      ])

      // A day on: Medusa ends a campaign by the server's clock, so the
      // campaign's end is moved to the past as the day passing would.
      await promotions().updateCampaigns({
        id: promotion.campaign_id!,
        ends_at: new Date(Date.now() - MIN),
      })
      const restored = await recover(tokenOf(sent.data.recovery_url))
      expect(restored).toMatchObject({
        status: 200,
        data: {
          cart_id: cartId,
          discount: { code: discount.code, outcome: "expired" },
        },
      })
      expect(await cartCodes(cartId)).not.toContain(discount.code)

      // Before its expiry pruning leaves it; after, deletes promotion and campaign.
      const early = await runJob(container, "cart-pruning")
      expect(early.status).toBe("succeeded")
      expect(await promotionOf(discount.code)).toBeDefined()
      clock.advance(25 * HOUR)
      const dry = await runJob(container, "cart-pruning", { dryRun: true })
      expect(
        (dry.summary as { actions: Record<string, { count: number }> }).actions[
          "would-remove-discount-code"
        ]?.count
      ).toBeGreaterThanOrEqual(1)
      expect(await promotionOf(discount.code)).toBeDefined()
      const pruned = await runJob(container, "cart-pruning")
      expect(pruned.status).toBe("succeeded")
      expect(
        (pruned.summary as { actions: Record<string, { count: number }> })
          .actions["removed-discount-code"]?.count
      ).toBeGreaterThanOrEqual(1)
      expect(await promotionOf(discount.code)).toBeUndefined()
      expect(
        await promotions().listCampaigns({ id: promotion.campaign_id! })
      ).toHaveLength(0)
      const [ledger] = await service().listCartReminders({ cart_id: cartId })
      expect(ledger.promotion_removed_at).toBeTruthy()

      // The link after the cleanup: restored, the code is gone.
      expect(
        (await recover(tokenOf(sent.data.recovery_url))).data
      ).toMatchObject({ cart_id: cartId, discount: { outcome: "removed" } })
    })

    it("gives no code to a cart under the minimum, and rolls a failed offer back", async () => {
      await setSteps([
        {
          after_minutes: 60,
          discount: { type: "percentage", value: 15, min_subtotal: 1000 },
        },
      ])
      const small = await readyCart("small@example.com")
      clock.advance(61 * MIN)
      const run = await runJob(container, "cart-reminders")
      const [sent] = await reminders(small)
      expect(sent.data.discount).toBeNull()
      expect(
        (run.summary as { actions: Record<string, { count: number }> }).actions[
          "discount-skipped-under-minimum"
        ]?.count
      ).toBe(1)

      // A failure after the promotion was made (here: no such lead) undoes it.
      const [ledger] = await service().listCartReminders({ cart_id: small })
      const before = await promotions().listPromotions({}, { take: null })
      const { errors } = await offerCartDiscountWorkflow(container).run({
        input: {
          reminder_id: ledger.id,
          cart_id: small,
          step: 1,
          lead_id: "apcl_missing",
          offer: {
            type: "percentage",
            value: 15,
            currency_code: null,
            min_subtotal: null,
            expires_at: new Date(Date.now() + HOUR),
          },
          now: new Date(),
        },
        throwOnError: false,
      })
      expect(errors.length).toBeGreaterThan(0)
      expect(
        await promotions().listPromotions({}, { take: null })
      ).toHaveLength(before.length)
      const [after] = await service().listCartReminders({ id: ledger.id })
      expect(after.promotion_code).toBeNull()
      expect(after.promotion_id).toBeNull()
    })

    it("deletes at once the code of a cart that ordered without it, and the lead says no code was used", async () => {
      await setSteps([
        {
          after_minutes: 60,
          discount: { type: "percentage", value: 5, valid_hours: 72 },
        },
      ])
      const cartId = await readyCart("nocode@example.com")
      clock.advance(61 * MIN)
      await runJob(container, "cart-reminders")
      const [sent] = await reminders(cartId)
      const code = sent.data.discount!.code
      const promotion = await promotionOf(code)

      await completeCartWorkflow(container).run({ input: { id: cartId } })
      const lead = await waitFor(
        async () => (await service().listCartLeads({ cart_id: cartId }))[0],
        (l) => l?.status === "recovered",
        { what: "the recovered lead" }
      )
      expect(lead).toMatchObject({ discount_used: false, discount_code: code })

      // Still valid for two days, but its cart is an order: pruning deletes it.
      const pruned = await runJob(container, "cart-pruning")
      expect(
        (pruned.summary as { actions: Record<string, { count: number }> })
          .actions["removed-discount-code"]?.count
      ).toBeGreaterThanOrEqual(1)
      expect(await promotionOf(code)).toBeUndefined()
      expect(
        await promotions().listCampaigns({ id: promotion.campaign_id! })
      ).toHaveLength(0)
    })
  },
})
