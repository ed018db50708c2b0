import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  addToCartWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
  deleteLineItemsWorkflow,
  updateCartWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { autopilotService } from "../../src/runtime/settings"
import {
  readCartsForActivity,
  toActivityRow,
} from "../../src/workflows/carts/utils/activity"
import {
  backfillCartActivity,
  CART_BACKFILL_STATE_KEY,
} from "../../src/workflows/carts/utils/backfill"
import { setPluginOptions } from "../helpers/plugin-options"
import {
  cartAtPayment,
  createShopFixture,
  type ShopFixture,
} from "../helpers/shop-fixture"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

setPluginOptions({ storefrontUrl: "https://shop.example.com" })

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture

    beforeAll(async () => {
      shop = await createShopFixture(getContainer(), 100)
    })

    beforeEach(() => {
      container = getContainer()
    })

    const activityOf = async (cartId: string) =>
      (
        await autopilotService(container).listCartActivities({
          cart_id: cartId,
        })
      )[0]

    const backfillCtx = (notes: string[] = []) => ({
      container,
      dryRun: false,
      now: () => new Date(),
      timeLeft: () => 60_000,
      note: (t: string) => notes.push(t),
    })

    it("records a new cart, its items and its customer changes from cart events", async () => {
      const { result: cart } = await createCartWorkflow(container).run({
        input: {
          region_id: shop.regionId,
          sales_channel_id: shop.salesChannelId,
          email: "Ann@Example.COM",
          currency_code: "eur",
          items: [{ variant_id: shop.variantId, quantity: 1 }],
        },
      })
      const created = await waitFor(
        () => activityOf(cart.id),
        (row) => !!row,
        { what: "the activity row of the new cart" }
      )
      expect(created).toMatchObject({
        cart_id: cart.id,
        email: "ann@example.com",
        sales_channel_id: shop.salesChannelId,
        region_id: shop.regionId,
        currency_code: "eur",
        item_count: 1,
        state: "open",
        reminders_sent: 0,
      })

      await addToCartWorkflow(container).run({
        input: {
          cart_id: cart.id,
          items: [
            {
              variant_id: shop.variantId,
              quantity: 1,
              metadata: { gift: true },
            },
          ],
        },
      })
      const added = await waitFor(
        () => activityOf(cart.id),
        (row) => row.item_count === 2,
        { what: "the second item" }
      )
      expect(new Date(added.last_active_at).getTime()).toBeGreaterThanOrEqual(
        new Date(created.last_active_at).getTime()
      )

      await updateCartWorkflow(container).run({
        input: { id: cart.id, email: "bo@example.com" },
      })
      await waitFor(
        () => activityOf(cart.id),
        (row) => row.email === "bo@example.com",
        { what: "the new email" }
      )
      expect(
        await autopilotService(container).listCartActivities({
          cart_id: cart.id,
        })
      ).toHaveLength(1)
    })

    it("marks the cart completed with its order when the order is placed", async () => {
      const { cartId } = await cartAtPayment(container, shop, {
        email: "buyer@example.com",
        providerId: "pp_system_default",
      })
      await waitFor(
        () => activityOf(cartId),
        (row) => !!row,
        { what: "the activity row" }
      )
      const { result: order } = await completeCartWorkflow(container).run({
        input: { id: cartId },
      })
      const done = await waitFor(
        () => activityOf(cartId),
        (row) => row.state === "completed",
        { what: "the completed state" }
      )
      expect(done.order_id).toBe(order.id)
      expect(done.completed_at).toBeTruthy()
    })

    it("writes, in one statement, the row the cart read through Query makes", async () => {
      const service = autopilotService(container)
      const make = async (input: Record<string, unknown>) =>
        (
          await createCartWorkflow(container).run({
            input: {
              region_id: shop.regionId,
              sales_channel_id: shop.salesChannelId,
              currency_code: "eur",
              ...input,
            },
          })
        ).result
      const withItems = await make({
        email: "Mixed@Case.Example",
        items: [{ variant_id: shop.variantId, quantity: 2 }],
      })
      // a removed item neither counts nor dates the cart
      const removed = await make({
        email: "gone@example.com",
        items: [
          { variant_id: shop.variantId, quantity: 1 },
          { variant_id: shop.variantId, quantity: 1, metadata: { n: 2 } },
        ],
      })
      const [read] = await readCartsForActivity(container, { id: removed.id })
      await deleteLineItemsWorkflow(container).run({
        input: { cart_id: removed.id, ids: [read.items![0].id] },
      })
      const empty = await make({})
      const { cartId: ordered } = await cartAtPayment(container, shop, {
        email: "Buyer2@example.com",
        providerId: "pp_system_default",
      })
      await completeCartWorkflow(container).run({ input: { id: ordered } })
      const ids = [withItems.id, removed.id, empty.id, ordered]
      await waitFor(
        () => service.listCartActivities({ cart_id: ids }),
        (rows) =>
          rows.length === ids.length &&
          rows.find((r) => r.cart_id === ordered)?.state === "completed",
        { what: "the feed's rows" }
      )

      // What the Query read makes of each cart, against what the statement
      // writes on an empty table.
      const expected = (await readCartsForActivity(container, { id: ids }))
        .map(toActivityRow)
        .sort((a, b) => a.cart_id.localeCompare(b.cart_id))
      const rows = await service.listCartActivities({ cart_id: ids })
      await service.deleteCartActivities(rows.map((r) => r.id))
      const written = await service.recordCartActivity(ids)
      expect(written.every((w) => w.inserted)).toBe(true)
      const fresh = (await service.listCartActivities({ cart_id: ids })).sort(
        (a, b) => a.cart_id.localeCompare(b.cart_id)
      )
      expect(fresh).toHaveLength(ids.length)
      fresh.forEach((row, i) => {
        const want = expected[i]
        expect({
          ...row,
          cart_created_at: new Date(row.cart_created_at),
          last_active_at: new Date(row.last_active_at),
          completed_at: row.completed_at ? new Date(row.completed_at) : null,
        }).toMatchObject(want)
      })
      expect(fresh.find((r) => r.cart_id === removed.id)!.item_count).toBe(1)
      expect(fresh.find((r) => r.cart_id === ordered)).toMatchObject({
        state: "completed",
        email: "buyer2@example.com",
      })
      expect(fresh.find((r) => r.cart_id === withItems.id)!.email).toBe(
        "mixed@case.example"
      )
    })

    it("keeps every cart's row right when many carts change at once", async () => {
      const service = autopilotService(container)
      const carts = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          createCartWorkflow(container)
            .run({
              input: {
                region_id: shop.regionId,
                sales_channel_id: shop.salesChannelId,
                email: `many${i}@example.com`,
                currency_code: "eur",
                items:
                  i % 3 ? [{ variant_id: shop.variantId, quantity: 1 }] : [],
              },
            })
            .then((r) => r.result)
        )
      )
      await Promise.all(
        carts.map((cart, i) =>
          addToCartWorkflow(container).run({
            input: {
              cart_id: cart.id,
              items: [
                { variant_id: shop.variantId, quantity: 1, metadata: { i } },
              ],
            },
          })
        )
      )
      const ids = carts.map((c) => c.id)
      const rows = await waitFor(
        () => service.listCartActivities({ cart_id: ids }),
        (rows) =>
          rows.length === ids.length &&
          rows.every((r) => {
            const i = ids.indexOf(r.cart_id)
            return r.item_count === (i % 3 ? 2 : 1)
          }),
        { what: "every cart's row with its items" }
      )
      expect(new Set(rows.map((r) => r.cart_id)).size).toBe(ids.length)
    })

    it("backfills carts that existed before the plugin, once and resumably", async () => {
      const service = autopilotService(container)
      const carts: string[] = []
      for (let i = 0; i < 5; i++) {
        const { result } = await createCartWorkflow(container).run({
          input: {
            region_id: shop.regionId,
            sales_channel_id: shop.salesChannelId,
            email: `old${i}@example.com`,
            currency_code: "eur",
            items: i % 2 ? [] : [{ variant_id: shop.variantId, quantity: 2 }],
          },
        })
        carts.push(result.id)
      }
      await waitFor(
        () => service.listCartActivities({ cart_id: carts }),
        (rows) => rows.length === carts.length,
        { what: "the feed" }
      )
      // As if the plugin had been installed after these carts were made;
      // one row the feed keeps (with its own idea of the last activity)
      // must be left alone.
      const rows = await service.listCartActivities({}, { take: null })
      const kept = rows.find((r) => r.cart_id === carts[4])!
      await service.deleteCartActivities(
        rows.filter((r) => r.id !== kept.id).map((r) => r.id)
      )
      const longAgo = new Date("2020-01-01T00:00:00Z")
      await service.updateCartActivities({
        id: kept.id,
        last_active_at: longAgo,
      })

      // A run that stops after one batch of 2 picks up where it stopped.
      let budget = 1
      const first = await backfillCartActivity(
        { ...backfillCtx(), timeLeft: () => (budget-- > 0 ? 1 : 0) },
        { batchSize: 2 }
      )
      expect(first).toEqual({ done: false, recorded: 2 })
      const [state] = await service.listStates({ key: CART_BACKFILL_STATE_KEY })
      expect(state.value).toMatchObject({ done: false, recorded: 2 })

      const notes: string[] = []
      const second = await backfillCartActivity(backfillCtx(notes), {
        batchSize: 2,
      })
      expect(second.done).toBe(true)
      const after = await service.listCartActivities(
        { cart_id: carts },
        { take: null }
      )
      expect(after).toHaveLength(5)
      const byCart = new Map(after.map((r) => [r.cart_id, r]))
      expect(byCart.get(carts[0])).toMatchObject({
        email: "old0@example.com",
        item_count: 1,
        state: "open",
      })
      expect(byCart.get(carts[1])!.item_count).toBe(0)
      expect(byCart.get(carts[4])!.last_active_at).toEqual(longAgo)
      expect(notes.join(" ")).toMatch(/complete/)

      // Done once: a later call reads the state and writes nothing.
      await service.deleteCartActivities(after.map((r) => r.id))
      expect(await backfillCartActivity(backfillCtx())).toEqual({
        done: true,
        recorded: 0,
      })
      expect(await service.listCartActivities({ cart_id: carts })).toHaveLength(
        0
      )
    })
  },
})
