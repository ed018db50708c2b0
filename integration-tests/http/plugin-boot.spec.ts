import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { AUTOPILOT_MODULE } from "../../src/modules/autopilot"
import type AutopilotModuleService from "../../src/modules/autopilot/service"
import { setPluginOptions } from "../helpers/plugin-options"
import { PLUGIN_TABLES } from "../helpers/plugin-tables"

jest.setTimeout(120_000)

setPluginOptions({
  storefrontUrl: "https://shop.example.com",
  templates: { "autopilot.cart.reminder": "tmpl-cart-1" },
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    describe("Medusa boots with the plugin", () => {
      it("answers on /health", async () => {
        const res = await api.get("/health")
        expect(res.status).toBe(200)
      })

      it("registers the autopilot module with the validated options", async () => {
        const service =
          getContainer().resolve<AutopilotModuleService>(AUTOPILOT_MODULE)
        const options = await service.getOptions()
        expect(options.storefrontUrl).toBe("https://shop.example.com")
        expect(options.templates["autopilot.cart.reminder"]).toBe("tmpl-cart-1")
        expect(options.templates["autopilot.restock.available"]).toBe(
          "autopilot.restock.available"
        )
      })

      it("created the module's tables through migrations", async () => {
        const rows: { table_name: string }[] = await dbConnection
          .select("table_name")
          .from("information_schema.tables")
          .where("table_name", "like", "autopilot_%")
          .orderBy("table_name")
        expect(rows.map((r) => r.table_name)).toEqual(PLUGIN_TABLES)
        expect(PLUGIN_TABLES).toContain("autopilot_job_run")
      })

      it("writes and reads through the module service in the app", async () => {
        const service =
          getContainer().resolve<AutopilotModuleService>(AUTOPILOT_MODULE)
        const run = await service.createJobRuns({
          job_name: "cart-pruning",
          trigger: "api",
        })
        const [count] = await service.listAndCountJobRuns({ id: run.id })
        expect(count.map((r) => r.id)).toEqual([run.id])
      })
    })
  },
})
