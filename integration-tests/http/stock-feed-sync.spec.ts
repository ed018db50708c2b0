import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createStockLocationsWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type {
  RunContext,
  RunFailure,
  RunSummary,
} from "../../src/runtime/types"
import { autopilotService, ensureJobSettings } from "../../src/runtime/settings"
import { stockFeedSyncJob } from "../../src/features/stock-feed-sync/job"
import {
  type FakeStockFeed,
  type FeedCell,
  startFakeStockFeed,
} from "../../fakes/stock-feed"
import { setPluginOptions } from "../helpers/plugin-options"
import { runJob } from "../helpers/run-job"
import { createShopFixture } from "../helpers/shop-fixture"

jest.setTimeout(180_000)

type RunRecord = { summary: unknown; failures: unknown }
const summaryOf = (run: RunRecord) => run.summary as RunSummary
const failuresOf = (run: RunRecord) =>
  (run.failures as { items: RunFailure[] }).items

/** FEED-01 … FEED-10; FEED-n has 10 + n units at the main warehouse. */
const SKUS = Array.from(
  { length: 10 },
  (_, i) => `FEED-${String(i + 1).padStart(2, "0")}`
)
const MAIN_STOCK = (sku: string) => 10 + Number(sku.slice(5))
/** Only these two also have a level at the second warehouse, 5 units each. */
const HAM_SKUS = ["FEED-01", "FEED-02"]
const HAM_STOCK = 5

let feed: FakeStockFeed
// Before the app boots: the plugin options carry the feed's URL.
beforeAll(async () => {
  feed = await startFakeStockFeed()
  setPluginOptions({
    jobs: {
      "stock-feed-sync": {
        enabled: true,
        options: { url: `${feed.url}/feed.csv` },
      },
    },
  })
})
afterAll(async () => {
  await feed?.close()
})

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    let container: MedusaContainer
    let mainId: string
    let hamId: string
    /** sku → inventory item id */
    const itemOf = new Map<string, string>()

    /** The feed's rows, every level as it is now (nothing would change). */
    const currentRows = (): FeedCell[][] => [
      ...SKUS.map((sku) => [sku, MAIN_STOCK(sku), ""]),
      ...HAM_SKUS.map((sku) => [sku, HAM_STOCK, "HAM"]),
    ]
    const csv = (rows: FeedCell[][]) => [
      ["sku", "quantity", "location"],
      ...rows,
    ]
    /** currentRows with the quantity of `sku` at `location` ("" = default) replaced. */
    const withChanges = (
      changes: { sku: string; quantity: FeedCell; location?: string }[]
    ): FeedCell[][] =>
      currentRows().map(([sku, quantity, location]) => {
        const change = changes.find(
          (c) => c.sku === sku && (c.location ?? "") === location
        )
        return [sku, change ? change.quantity : quantity, location]
      })

    /** Stored job options over the plugin options, as the admin would set them. */
    const configure = async (options: Record<string, unknown> = {}) => {
      const rows = await ensureJobSettings(container)
      await autopilotService(container).updateJobSettings({
        id: rows.get("stock-feed-sync")!.id,
        options: {
          location_map: { BER: mainId, HAM: hamId },
          default_location_id: mainId,
          ...options,
        },
      })
    }

    /** `${sku}@main` / `${sku}@ham` → stocked quantity, read back from Medusa. */
    const levels = async () => {
      const rows = await container
        .resolve(Modules.INVENTORY)
        .listInventoryLevels(
          { inventory_item_id: [...itemOf.values()] },
          { take: null }
        )
      const skuOf = new Map([...itemOf].map(([sku, id]) => [id, sku]))
      return Object.fromEntries(
        rows.map((l) => [
          `${skuOf.get(l.inventory_item_id)}@${l.location_id === mainId ? "main" : "ham"}`,
          Number(l.stocked_quantity),
        ])
      )
    }
    const initialLevels = () =>
      Object.fromEntries([
        ...SKUS.map((sku) => [`${sku}@main`, MAIN_STOCK(sku)]),
        ...HAM_SKUS.map((sku) => [`${sku}@ham`, HAM_STOCK]),
      ])
    const auditRows = () =>
      autopilotService(container).listStockFeedChanges(
        {},
        { take: null, order: { sku: "ASC" } }
      )
    const expectNothingWritten = async () => {
      expect(await levels()).toEqual(initialLevels())
      expect(await auditRows()).toHaveLength(0)
    }

    beforeAll(async () => {
      container = getContainer()
      // Created before the runner's first snapshot, so every test has it.
      const shop = await createShopFixture(container, 10)
      mainId = shop.locationId
      const {
        result: [ham],
      } = await createStockLocationsWorkflow(container).run({
        input: { locations: [{ name: "Hamburg" }] },
      })
      hamId = ham.id
      const [profile] = await container
        .resolve(Modules.FULFILLMENT)
        .listShippingProfiles({ type: "default" })
      await createProductsWorkflow(container).run({
        input: {
          products: [
            {
              title: "Feed tee",
              status: ProductStatus.PUBLISHED,
              shipping_profile_id: profile.id,
              options: [{ title: "Number", values: SKUS }],
              variants: SKUS.map((sku) => ({
                title: sku,
                sku,
                options: { Number: sku },
                manage_inventory: true,
                prices: [{ currency_code: "eur", amount: 20 }],
              })),
            },
          ],
        },
      })
      const items = await container
        .resolve(Modules.INVENTORY)
        .listInventoryItems({ sku: SKUS }, { take: null })
      for (const item of items) itemOf.set(item.sku!, item.id)
      expect(itemOf.size).toBe(SKUS.length)
      await createInventoryLevelsWorkflow(container).run({
        input: {
          inventory_levels: [
            ...SKUS.map((sku) => ({
              inventory_item_id: itemOf.get(sku)!,
              location_id: mainId,
              stocked_quantity: MAIN_STOCK(sku),
            })),
            ...HAM_SKUS.map((sku) => ({
              inventory_item_id: itemOf.get(sku)!,
              location_id: hamId,
              stocked_quantity: HAM_STOCK,
            })),
          ],
        },
      })
    })

    beforeEach(async () => {
      container = getContainer()
      feed.reset()
      await configure()
    })

    it("applies a CSV feed through Medusa and records each change", async () => {
      expect(await levels()).toEqual(initialLevels())
      // Hand-written, as a spreadsheet exports it: columns in another order,
      // an extra column with a quoted comma, a quoted SKU, CRLF line ends.
      // FEED-03 changes at the main warehouse (named BER) and FEED-01 at
      // Hamburg: 2 of 10 SKUs, exactly the default 20 %.
      const lines = [
        "Quantity,SKU,Location,Note",
        ...currentRows().map(([sku, quantity, location]) => {
          if (sku === "FEED-03") return '7,"FEED-03",BER,"Tee, size 3"'
          if (sku === "FEED-01" && location === "HAM") return "0,FEED-01,HAM,"
          return `${quantity},${sku},${location},`
        }),
      ]
      feed.setCsv(lines.join("\r\n") + "\r\n")

      const run = await runJob(container, "stock-feed-sync")
      expect(run.error).toBeNull()
      expect(run.status).toBe("succeeded")
      expect(run.counters).toEqual({
        scanned: 12,
        changed: 2,
        skipped: 10,
        failed: 0,
      })
      expect(run.summary).toMatchObject({
        actions: {
          "set-stock": {
            count: 2,
            sample: expect.arrayContaining([
              `FEED-03@${mainId}`,
              `FEED-01@${hamId}`,
            ]),
          },
        },
      })

      expect(await levels()).toEqual({
        ...initialLevels(),
        "FEED-03@main": 7,
        "FEED-01@ham": 0,
      })
      const audit = await auditRows()
      expect(audit).toHaveLength(2)
      expect(audit).toEqual([
        expect.objectContaining({
          run_id: run.id,
          sku: "FEED-01",
          inventory_item_id: itemOf.get("FEED-01"),
          location_id: hamId,
          from_quantity: HAM_STOCK,
          to_quantity: 0,
        }),
        expect.objectContaining({
          run_id: run.id,
          sku: "FEED-03",
          inventory_item_id: itemOf.get("FEED-03"),
          location_id: mainId,
          from_quantity: 13,
          to_quantity: 7,
        }),
      ])
      expect(feed.requests).toEqual([
        expect.objectContaining({ path: "/feed.csv", status: 200 }),
      ])

      // The same feed again: everything matches, nothing more is written.
      const again = await runJob(container, "stock-feed-sync")
      expect(again.status).toBe("succeeded")
      expect(again.counters).toEqual({
        scanned: 12,
        changed: 0,
        skipped: 12,
        failed: 0,
      })
      expect(await auditRows()).toHaveLength(2)
    })

    it("reads a JSON feed behind bearer auth", async () => {
      feed.setAuth({ type: "bearer", token: "feed-token-1" })
      feed.setJson({
        items: [
          ...SKUS.map((sku) => ({
            sku,
            quantity: sku === "FEED-10" ? "42" : MAIN_STOCK(sku),
          })),
          { sku: "FEED-02", quantity: HAM_STOCK, location: "HAM" },
        ],
      })
      await configure({
        url: `${feed.url}/feed.json`,
        auth: { type: "bearer", token: "feed-token-1" },
      })

      const run = await runJob(container, "stock-feed-sync")
      expect(run.error).toBeNull()
      expect(run.status).toBe("succeeded")
      expect(run.counters).toEqual({
        scanned: 11,
        changed: 1,
        skipped: 10,
        failed: 0,
      })
      expect(feed.requests[0]).toMatchObject({
        path: "/feed.json",
        authorization: "Bearer feed-token-1",
        status: 200,
      })
      expect(await levels()).toEqual({ ...initialLevels(), "FEED-10@main": 42 })
      const audit = await auditRows()
      expect(audit).toEqual([
        expect.objectContaining({
          sku: "FEED-10",
          from_quantity: 20,
          to_quantity: 42,
        }),
      ])
    })

    it("fails the run on wrong basic-auth credentials and writes nothing", async () => {
      feed.setAuth({ type: "basic", username: "shop", password: "s3cret" })
      feed.setCsv(csv(withChanges([{ sku: "FEED-04", quantity: 1 }])))
      await configure({
        auth: { type: "basic", username: "shop", password: "wrong" },
      })

      const run = await runJob(container, "stock-feed-sync")
      expect(run.status).toBe("failed")
      expect(run.error).toMatch(/HTTP 401/)
      expect(run.error).toMatch(/options\.auth/)
      expect(run.error).not.toMatch(/wrong|s3cret/)
      expect(feed.requests[0].status).toBe(401)
      await expectNothingWritten()

      // The right credentials go through: the refusal was the auth.
      await configure({
        auth: { type: "basic", username: "shop", password: "s3cret" },
      })
      const ok = await runJob(container, "stock-feed-sync")
      expect(ok.status).toBe("succeeded")
      expect((await levels())["FEED-04@main"]).toBe(1)
    })

    it("refuses when more than max_change_ratio of the SKUs would change", async () => {
      // 3 of 10 SKUs (30 %) against the default 20 %.
      feed.setCsv(
        csv(
          withChanges([
            { sku: "FEED-01", quantity: 0 },
            { sku: "FEED-02", quantity: 0 },
            { sku: "FEED-02", quantity: 9, location: "HAM" },
            { sku: "FEED-03", quantity: 0 },
          ])
        )
      )

      const run = await runJob(container, "stock-feed-sync")
      expect(run.status).toBe("failed")
      expect(run.error).toBe(
        "refused: 3 of 10 SKUs (30 %) would change, more than max_change_ratio 20 %"
      )
      await expectNothingWritten()
      // The diff is visible in the run.
      expect(run.counters).toMatchObject({ scanned: 12, changed: 4, failed: 0 })
      expect(summaryOf(run).actions["set-stock"]).toEqual({
        count: 4,
        sample: expect.arrayContaining([
          `FEED-01@${mainId}`,
          `FEED-02@${mainId}`,
          `FEED-02@${hamId}`,
          `FEED-03@${mainId}`,
        ]),
      })
      expect(summaryOf(run).notes).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`FEED-02@${hamId}: 5 → 9`),
          "nothing was applied",
        ])
      )

      // A higher ratio lets the same feed through.
      await configure({ max_change_ratio: 0.3 })
      const ok = await runJob(container, "stock-feed-sync")
      expect(ok.status).toBe("succeeded")
      expect(await auditRows()).toHaveLength(4)
      expect(await levels()).toEqual({
        ...initialLevels(),
        "FEED-01@main": 0,
        "FEED-02@main": 0,
        "FEED-02@ham": 9,
        "FEED-03@main": 0,
      })
    })

    it("refuses a feed with malformed rows and lists each one", async () => {
      feed.setCsv(
        csv([
          ...withChanges([{ sku: "FEED-04", quantity: 3 }]),
          ["NOPE-1", 4, ""], // row 13: unknown sku
          ["FEED-05", "12.5", ""], // row 14: bad quantity
          ["FEED-06", 2, "MUC"], // row 15: unknown location
          ["FEED-07", 1, "HAM"], // row 16: no level at Hamburg
          ["", 1, ""], // row 17: no sku
        ])
      )

      const run = await runJob(container, "stock-feed-sync")
      expect(run.status).toBe("failed")
      expect(run.error).toMatch(/^refused: 5 malformed rows/)
      await expectNothingWritten()
      expect(run.counters).toMatchObject({ scanned: 17, failed: 5 })
      expect(failuresOf(run)).toEqual([
        {
          item_id: "row 13: NOPE-1",
          reason: expect.stringMatching(/unknown sku/),
        },
        {
          item_id: "row 14: FEED-05",
          reason: 'quantity "12.5" is not a non-negative integer',
        },
        {
          item_id: "row 15: FEED-06",
          reason: 'unknown location "MUC" (not in location_map)',
        },
        {
          item_id: "row 16: FEED-07",
          reason: `no inventory level at location ${hamId}`,
        },
        { item_id: "row 17: (no sku)", reason: "sku is empty" },
      ])
    })

    it("fails the run on a feed server error, a timeout or a garbage body", async () => {
      feed.setCsv(csv(withChanges([{ sku: "FEED-04", quantity: 1 }])))
      await configure({ timeout_ms: 500 })

      feed.injectFault("500")
      const broken = await runJob(container, "stock-feed-sync")
      expect(broken.status).toBe("failed")
      expect(broken.error).toMatch(/the feed answered HTTP 500/)

      feed.injectFault("timeout")
      const started = Date.now()
      const slow = await runJob(container, "stock-feed-sync")
      expect(slow.status).toBe("failed")
      expect(slow.error).toMatch(/did not answer within 500 ms/)
      expect(Date.now() - started).toBeLessThan(10_000)

      feed.injectFault("malformed")
      const garbage = await runJob(container, "stock-feed-sync")
      expect(garbage.status).toBe("failed")
      expect(garbage.error).toMatch(/could not be read .*sku and quantity/)

      await configure({ url: `${feed.url}/feed.json`, timeout_ms: 500 })
      const badJson = await runJob(container, "stock-feed-sync")
      expect(badJson.status).toBe("failed")
      expect(badJson.error).toMatch(/could not be read .*JSON/)

      await expectNothingWritten()
      expect(feed.requests).toHaveLength(4)
    })

    it("a dry run shows the diff and writes nothing", async () => {
      feed.setCsv(
        csv(
          withChanges([
            { sku: "FEED-08", quantity: 80 },
            { sku: "FEED-02", quantity: 1, location: "HAM" },
          ])
        )
      )

      const run = await runJob(container, "stock-feed-sync", { dryRun: true })
      expect(run.dry_run).toBe(true)
      expect(run.status).toBe("succeeded")
      expect(run.counters).toEqual({
        scanned: 12,
        changed: 2,
        skipped: 10,
        failed: 0,
      })
      expect(summaryOf(run).actions["set-stock"]).toEqual({
        count: 2,
        sample: expect.arrayContaining([
          `FEED-08@${mainId}`,
          `FEED-02@${hamId}`,
        ]),
      })
      expect(summaryOf(run).notes).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`FEED-08@${mainId}: 18 → 80`),
          "dry run: nothing was applied",
        ])
      )
      await expectNothingWritten()
    })

    it("says which setting to add when the feed has no URL", async () => {
      const ctx = {
        options: { format: "auto", auth: { type: "none" }, location_map: {} },
      } as unknown as RunContext
      await expect(stockFeedSyncJob(ctx)).rejects.toThrow(
        "Add the feed URL in the job's settings"
      )
    })
  },
})
