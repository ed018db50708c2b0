import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  completeCartWorkflow,
  createApiKeysWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { autopilotService } from "../../src/runtime/settings"
import type { EntityLabel, RunView } from "../../src/types"
import { ADMIN_EMAIL, createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { shipOrder } from "../helpers/ship-order"
import {
  cartAtPayment,
  createShopFixture,
  type ShopFixture,
} from "../helpers/shop-fixture"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

setPluginOptions({
  jobs: {
    "inventory-reconciliation": {
      options: { modes: { reserved_drift: "fix" } },
    },
  },
})

type Adjuster = {
  adjustInventoryLevelsForReservationsRestore(
    r: { inventory_item_id: string; location_id: string; quantity: number }[]
  ): Promise<void>
}

const RAW_ID = /\b(order|user|iitem|sloc|variant|prod|cus|apk)_01/

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let headers: Record<string, string>

    beforeAll(async () => {
      shop = await createShopFixture(getContainer(), 10)
    })
    beforeEach(async () => {
      container = getContainer()
      headers = (await createAdminUser(container)).headers
    })

    const placeOrder = async () => {
      const { cartId } = await cartAtPayment(container, shop, {
        providerId: "pp_system_default",
      })
      const { result } = await completeCartWorkflow(container).run({
        input: { id: cartId },
      })
      const { data } = await container
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({
          entity: "order",
          fields: ["id", "display_id"],
          filters: { id: result.id },
        })
      return data[0] as { id: string; display_id: number }
    }

    it("a dry run names the variant and location it would fix, and who ran it", async () => {
      await placeOrder()
      await (
        container.resolve(Modules.INVENTORY) as unknown as Adjuster
      ).adjustInventoryLevelsForReservationsRestore([
        {
          inventory_item_id: shop.inventoryItemId,
          location_id: shop.locationId,
          quantity: 2,
        },
      ])

      const started = await api.post(
        "/admin/autopilot/jobs/inventory-reconciliation/run",
        { dry_run: true },
        { headers }
      )
      expect(started.status).toBe(202)
      expect(started.data.run.actor).toMatch(/^user_/)
      expect(started.data.run.description).toMatchObject({
        trigger: `Run by ${ADMIN_EMAIL}`,
        actor: {
          id: started.data.run.actor,
          label: ADMIN_EMAIL,
          href: `/settings/users/${started.data.run.actor}`,
        },
      })

      const run = await waitFor(
        async () =>
          (
            await api.get(`/admin/autopilot/runs/${started.data.run.id}`, {
              headers,
            })
          ).data.run as RunView,
        (r) => r.status === "succeeded" || r.status === "failed",
        { what: "the dry run to finish", timeoutMs: 60_000 }
      )
      expect(run.status).toBe("succeeded")
      // The codes stay for machines.
      expect(run.summary?.actions?.["would-fix:reserved_drift"]?.count).toBe(1)
      const d = run.description!
      expect(d.outcome).toMatch(/^Would change \d+ items?$/)
      expect(d.outcome).not.toMatch(/changed/i)
      const fix = d.lines.find((l) => l.action === "would-fix:reserved_drift")
      expect(fix).toMatchObject({
        text: "Would fix 1 reserved-quantity drift",
        count: 1,
        more: 0,
        items: [
          {
            label: "Test tee · M at Test warehouse",
            href: `/inventory/${shop.inventoryItemId}`,
          },
        ],
      })
      const found = d.lines.find((l) => l.action === "finding:reserved_drift")
      expect(found?.text).toBe("Would record 1 reserved-quantity drift")
      for (const line of d.lines) {
        expect(line.text).not.toMatch(/finding:|notify:|would-/)
        expect(line.text).not.toMatch(RAW_ID)
        for (const item of line.items) expect(item.label).not.toMatch(RAW_ID)
      }

      // The job's run list says the same, and its last run too.
      const list = await api.get(
        "/admin/autopilot/jobs/inventory-reconciliation/runs",
        { headers }
      )
      const listed = (list.data.runs as RunView[]).find((r) => r.id === run.id)
      expect(listed?.description?.lines).toEqual(d.lines)
      const job = await api.get(
        "/admin/autopilot/jobs/inventory-reconciliation",
        { headers }
      )
      expect(job.data.job.last_run.description.trigger).toBe(
        `Run by ${ADMIN_EMAIL}`
      )
    })

    it("a run started with an API key names the key by its title", async () => {
      const {
        result: [key],
      } = await createApiKeysWorkflow(container).run({
        input: {
          api_keys: [
            { title: "Nightly scheduler", type: "secret", created_by: "test" },
          ],
        },
      })
      const basic = `Basic ${Buffer.from(`${key.token}:`).toString("base64")}`
      const res = await api.post(
        "/admin/autopilot/jobs/restock-alerts/run",
        { dry_run: true },
        { headers: { authorization: basic } }
      )
      expect(res.status).toBe(202)
      expect(res.data.run.actor).toBe(key.id)
      expect(res.data.run.description).toMatchObject({
        trigger: 'Run by API key "Nightly scheduler"',
        actor: {
          id: key.id,
          href: `/settings/secret-api-keys/${key.id}`,
        },
      })
    })

    it("parcels and payment recoveries name the order by its display id", async () => {
      const order = await placeOrder()
      const service = autopilotService(container)
      const parcel = await service.createTrackedShipments({
        provider: "manual",
        tracking_number: `LBL-${Date.now()}`,
        fulfillment_id: `ful_${Date.now()}`,
        order_id: order.id,
        status: "in_transit",
        progress_status: "in_transit",
        started_at: new Date(),
      } as never)
      const res = await api.get("/admin/autopilot/shipments?limit=100", {
        headers,
      })
      const row = res.data.shipments.find(
        (s: { id: string }) => s.id === parcel.id
      )
      expect(row.order_id).toBe(order.id)
      expect(row.labels.order_id).toEqual({
        id: order.id,
        label: `#${order.display_id}`,
        href: `/orders/${order.id}`,
      })

      const recoveries = await api.get(
        "/admin/autopilot/payment-recoveries?limit=100",
        { headers }
      )
      for (const r of recoveries.data.payment_recoveries as {
        order_id: string | null
        labels: Record<string, EntityLabel>
      }[]) {
        if (r.order_id) expect(r.labels.order_id.label).toMatch(/^#\d+$/)
      }
    })

    it("failing items are named, not listed by id", async () => {
      const order = await placeOrder()
      const service = autopilotService(container)
      await service.createItemRetries({
        job_name: "shipment-tracking",
        item_id: order.id,
        status: "failing",
        attempts: 1,
        last_error: "carrier timed out",
        first_failed_at: new Date(),
        last_failed_at: new Date(),
      } as never)
      const res = await api.get(
        "/admin/autopilot/jobs/shipment-tracking/items",
        { headers }
      )
      const item = res.data.items.find(
        (i: { item_id: string }) => i.item_id === order.id
      )
      expect(item.label).toEqual({
        id: order.id,
        label: `#${order.display_id}`,
        href: `/orders/${order.id}`,
      })

      // A fulfillment is named after its order.
      const shipped = await shipOrder(container, shop, [`TRK-${Date.now()}`])
      await service.createItemRetries({
        job_name: "shipment-tracking",
        item_id: shipped.fulfillmentId,
        status: "failing",
        attempts: 1,
        last_error: "could not mark it delivered",
        first_failed_at: new Date(),
        last_failed_at: new Date(),
      } as never)
      const again = await api.get(
        "/admin/autopilot/jobs/shipment-tracking/items",
        { headers }
      )
      const fulfillment = again.data.items.find(
        (i: { item_id: string }) => i.item_id === shipped.fulfillmentId
      )
      expect(fulfillment.label).toMatchObject({
        label: expect.stringMatching(/^fulfillment of order #\d+$/),
        href: `/orders/${shipped.orderId}`,
      })
    })
  },
})
