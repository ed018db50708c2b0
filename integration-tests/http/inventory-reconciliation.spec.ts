import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import {
  cancelOrderWorkflow,
  completeCartWorkflow,
  createInventoryLevelsWorkflow,
  createReservationsWorkflow,
  createStockLocationsWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService } from "../../src/runtime/settings"
import { createAdminUser } from "../helpers/admin"
import { captureEvents } from "../helpers/events"
import { waitFor } from "../helpers/wait"
import { setPluginOptions } from "../helpers/plugin-options"
import { runJob } from "../helpers/run-job"
import {
  cartAtPayment,
  createShopFixture,
  setStock,
  type ShopFixture,
} from "../helpers/shop-fixture"

jest.setTimeout(180_000)

const MERCHANT = "owner@shop.example.com"
const HOUR = 3_600_000

setPluginOptions({ merchantEmail: MERCHANT })

type Adjuster = {
  adjustInventoryLevelsForReservationsRestore(
    r: { inventory_item_id: string; location_id: string; quantity: number }[]
  ): Promise<void>
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let headers: Record<string, string>
    let clock: ManualClock

    beforeAll(async () => {
      shop = await createShopFixture(getContainer(), 10)
    })
    beforeEach(async () => {
      container = getContainer()
      headers = (await createAdminUser(container)).headers
      clock = new ManualClock(new Date())
      setClock(clock)
    })
    afterEach(() => resetClock())

    const level = async () => {
      const [l] = await container
        .resolve(Modules.INVENTORY)
        .listInventoryLevels({
          inventory_item_id: shop.inventoryItemId,
          location_id: shop.locationId,
        })
      return {
        stocked: Number(l.stocked_quantity),
        reserved: Number(l.reserved_quantity),
      }
    }
    const findings = (filters: Record<string, unknown> = {}) =>
      autopilotService(container).listInventoryFindings(filters, { take: null })
    /** A paid order for one unit: Medusa reserves it. */
    const placeOrder = async () => {
      const { cartId } = await cartAtPayment(container, shop, {
        providerId: "pp_system_default",
      })
      const { result } = await completeCartWorkflow(container).run({
        input: { id: cartId },
      })
      return result.id
    }
    /** Bumps reserved_quantity without a reservation: the drift Medusa users report. */
    const phantomReserve = (quantity: number) =>
      (
        container.resolve(Modules.INVENTORY) as unknown as Adjuster
      ).adjustInventoryLevelsForReservationsRestore([
        {
          inventory_item_id: shop.inventoryItemId,
          location_id: shop.locationId,
          quantity,
        },
      ])

    it("reports reserved-quantity drift, and fixes it on request", async () => {
      await placeOrder()
      await phantomReserve(3)
      expect(await level()).toEqual({ stocked: 10, reserved: 4 })

      const run = await runJob(container, "inventory-reconciliation")
      expect(run.status).toBe("succeeded")
      const [drift] = await findings({ type: "reserved_drift" })
      expect(drift).toMatchObject({
        status: "open",
        mode: "report",
        inventory_item_id: shop.inventoryItemId,
        location_id: shop.locationId,
        details: { before: { reserved_quantity: 4, reservations_sum: 1 } },
      })
      expect(await level()).toEqual({ stocked: 10, reserved: 4 }) // report only

      // Seen again: the same finding, not a second one.
      await runJob(container, "inventory-reconciliation")
      expect(await findings({ type: "reserved_drift" })).toHaveLength(1)

      const listed = await api.get(
        "/admin/autopilot/inventory-findings?type=reserved_drift&status=open",
        { headers }
      )
      expect(
        listed.data.inventory_findings.map((f: { id: string }) => f.id)
      ).toEqual([drift.id])
      const fixedEvents = captureEvents<Record<string, unknown>>(
        container,
        "autopilot.inventory.finding_fixed"
      )
      const fixed = await api.post(
        `/admin/autopilot/inventory-findings/${drift.id}/fix`,
        {},
        { headers }
      )
      expect(fixed.data.inventory_finding).toMatchObject({
        status: "fixed",
        details: { after: { reserved_quantity: 1 } },
      })
      await waitFor(
        async () => fixedEvents.events,
        (e) => e.length === 1,
        { what: "autopilot.inventory.finding_fixed" }
      )
      fixedEvents.stop()
      expect(fixedEvents.events[0]).toEqual({
        id: drift.id,
        type: "reserved_drift",
        inventory_item_id: drift.inventory_item_id,
        location_id: drift.location_id,
        run_id: null,
        after: { reserved_quantity: 1 },
      })
      expect(await level()).toEqual({ stocked: 10, reserved: 1 })

      // Fixed once: nothing left to find, and fixing again is refused.
      await runJob(container, "inventory-reconciliation")
      expect(
        await findings({ type: "reserved_drift", status: "open" })
      ).toHaveLength(0)
      const again = await api
        .post(
          `/admin/autopilot/inventory-findings/${drift.id}/fix`,
          {},
          { headers }
        )
        .catch((e: { response: { status: number } }) => e)
      expect(again.response.status).toBe(400)
    })

    it("fixes drift by itself in fix mode, under the item's lock, once", async () => {
      await api.post(
        "/admin/autopilot/jobs/inventory-reconciliation",
        { options: { modes: { reserved_drift: "fix" } } },
        { headers }
      )
      await phantomReserve(2)
      const run = await runJob(container, "inventory-reconciliation")
      expect(run.summary).toMatchObject({
        actions: { "fixed:reserved_drift": { count: 1 } },
      })
      expect(await level()).toEqual({ stocked: 10, reserved: 0 })
      const [drift] = await findings({ type: "reserved_drift" })
      expect(drift.status).toBe("fixed")
      const second = await runJob(container, "inventory-reconciliation")
      const actions = (second.summary as { actions: Record<string, unknown> })
        .actions
      expect(actions["fixed:reserved_drift"]).toBeUndefined()
    })

    it("deletes the reservation of a canceled order (fix by default)", async () => {
      const orderId = await placeOrder()
      expect((await level()).reserved).toBe(1)
      await cancelOrderWorkflow(container).run({ input: { order_id: orderId } })
      expect((await level()).reserved).toBe(0)
      // A reservation left behind for the canceled order's line item.
      const order = await container
        .resolve(Modules.ORDER)
        .retrieveOrder(orderId, { relations: ["items"] })
      const lineItemId = order.items![0].id
      await createReservationsWorkflow(container).run({
        input: {
          reservations: [
            {
              inventory_item_id: shop.inventoryItemId,
              location_id: shop.locationId,
              line_item_id: lineItemId,
              quantity: 1,
            },
          ],
        },
      })
      expect((await level()).reserved).toBe(1)

      await runJob(container, "inventory-reconciliation")
      const [orphan] = await findings({ type: "orphaned_reservation" })
      expect(orphan).toMatchObject({
        status: "fixed",
        mode: "fix",
        order_id: orderId,
        line_item_id: lineItemId,
        details: { reason: "canceled_order" },
      })
      expect((await level()).reserved).toBe(0)
      const left = await container
        .resolve(Modules.INVENTORY)
        .listReservationItems({ line_item_id: lineItemId })
      expect(left).toHaveLength(0)
    })

    it("reports a reservation in no order only after the checkout grace", async () => {
      await createReservationsWorkflow(container).run({
        input: {
          reservations: [
            {
              inventory_item_id: shop.inventoryItemId,
              location_id: shop.locationId,
              line_item_id: "cali_reverted_checkout",
              quantity: 2,
            },
          ],
        },
      })
      await runJob(container, "inventory-reconciliation")
      expect(await findings({ type: "orphaned_reservation" })).toHaveLength(0)

      clock.advance(2 * HOUR)
      await runJob(container, "inventory-reconciliation")
      const [orphan] = await findings({ type: "orphaned_reservation" })
      expect(orphan).toMatchObject({
        mode: "report",
        status: "open",
        details: { reason: "no_order" },
      })
      // Report mode: the reservation stays.
      expect((await level()).reserved).toBe(2)
    })

    it("reports over-reservation, negative stock and stock where no channel sells", async () => {
      await placeOrder()
      await setStock(container, shop, 0) // 1 reserved, 0 stocked, no backorders
      const inventory = container.resolve(Modules.INVENTORY)
      const {
        result: [hidden],
      } = await createStockLocationsWorkflow(container).run({
        input: { locations: [{ name: "Back room" }] },
      })
      await createInventoryLevelsWorkflow(container).run({
        input: {
          inventory_levels: [
            {
              inventory_item_id: shop.inventoryItemId,
              location_id: hidden.id,
              stocked_quantity: 7,
            },
          ],
        },
      })
      await inventory.adjustInventory(shop.inventoryItemId, hidden.id, -9)

      await runJob(container, "inventory-reconciliation")
      const types = (await findings())
        .map((f) => [f.type, f.location_id])
        .sort()
      expect(types).toEqual(
        [
          ["negative_stock", hidden.id],
          ["overreserved", shop.locationId],
        ].sort()
      )

      await inventory.adjustInventory(shop.inventoryItemId, hidden.id, 12)
      await runJob(container, "inventory-reconciliation")
      expect(await findings({ type: "unused_location_stock" })).toHaveLength(1)
      // The negative stock is gone: its finding is resolved.
      const [negative] = await findings({ type: "negative_stock" })
      expect(negative.status).toBe("resolved")
    })

    it("a dry run writes nothing and lists the planned fixes", async () => {
      await phantomReserve(5)
      const run = await runJob(container, "inventory-reconciliation", {
        dryRun: true,
      })
      expect(run.dry_run).toBe(true)
      expect(run.summary).toMatchObject({
        actions: { "finding:reserved_drift": { count: 1 } },
      })
      expect(await findings()).toHaveLength(0)
      expect((await level()).reserved).toBe(5)
    })

    it("sends one low-stock digest, and not again for the same list", async () => {
      await setStock(container, shop, 3) // below the default threshold of 5
      const digests = async () =>
        (
          await container.resolve(Modules.NOTIFICATION).listNotifications({})
        ).filter((n) => n.template === "autopilot.merchant.low_stock")
      await runJob(container, "inventory-reconciliation")
      const sent = await digests()
      expect(sent).toHaveLength(1)
      expect(sent[0].to).toBe(MERCHANT)
      expect(sent[0].data).toMatchObject({
        total: 1,
        variants: [{ variant_id: shop.variantId, available: 3, threshold: 5 }],
      })
      await runJob(container, "inventory-reconciliation")
      expect(await digests()).toHaveLength(1)
      await setStock(container, shop, 2)
      await runJob(container, "inventory-reconciliation")
      expect(await digests()).toHaveLength(2)
    })

    it("answers 400 for bad filters and 404 for unknown findings", async () => {
      const bad = await api
        .get("/admin/autopilot/inventory-findings?type=missing_socks", {
          headers,
        })
        .catch((e: { response: { status: number } }) => e)
      expect(bad.response.status).toBe(400)
      const missing = await api
        .post(
          "/admin/autopilot/inventory-findings/apinv_nope/fix",
          {},
          { headers }
        )
        .catch((e: { response: { status: number } }) => e)
      expect(missing.response.status).toBe(404)
    })
  },
})
