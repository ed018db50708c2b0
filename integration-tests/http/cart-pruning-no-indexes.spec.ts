import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { createCartWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService } from "../../src/runtime/settings"
import { setPluginOptions } from "../helpers/plugin-options"
import { runJob } from "../helpers/run-job"
import { createShopFixture, type ShopFixture } from "../helpers/shop-fixture"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

// A shop that manages its own schema.
setPluginOptions({
  jobs: { "cart-pruning": { options: { add_indexes: false } } },
})

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, dbConnection }) => {
    let container: MedusaContainer
    let shop: ShopFixture

    beforeAll(async () => {
      shop = await createShopFixture(getContainer(), 10)
    })
    beforeEach(() => {
      container = getContainer()
    })
    afterEach(() => resetClock())

    const pluginIndexes = async () => {
      const { rows } = await (dbConnection as unknown as Knex).raw(
        `select indexname from pg_indexes where indexname like 'IDX_autopilot_fk_%'`
      )
      return rows as unknown[]
    }

    it("adds no index to the cart tables, neither in the migration nor in a run, and still prunes", async () => {
      expect(await pluginIndexes()).toEqual([])
      const { result: cart } = await createCartWorkflow(container).run({
        input: {
          region_id: shop.regionId,
          sales_channel_id: shop.salesChannelId,
          currency_code: "eur",
        },
      })
      const service = autopilotService(container)
      await waitFor(
        () => service.listCartActivities({ cart_id: cart.id }),
        (rows) => rows.length === 1,
        { what: "the activity row" }
      )
      setClock(new ManualClock(new Date(Date.now() + 7 * 3_600_000)))
      const run = await runJob(container, "cart-pruning")
      expect(run.status).toBe("succeeded")
      expect(await pluginIndexes()).toEqual([])
      expect(
        (run.summary as { actions: Record<string, { count: number }> }).actions[
          "pruned-empty"
        ].count
      ).toBe(1)
      expect((run.summary as { notes?: string[] }).notes).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/orphan cart addresses not cleaned/),
        ])
      )
    })
  },
})
