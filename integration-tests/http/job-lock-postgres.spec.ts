import "../helpers/tick-env"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { lockContract } from "../helpers/lock-suite"
import { setPluginOptions } from "../helpers/plugin-options"

jest.setTimeout(120_000)

process.env.AUTOPILOT_TEST_LOCKING = "postgres"
setPluginOptions({})

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    afterAll(() => {
      delete process.env.AUTOPILOT_TEST_LOCKING
    })
    describe("job lock on the locking-postgres provider", () => {
      it("is the provider the app runs with", () => {
        const config = getContainer().resolve("configModule") as {
          modules: Record<
            string,
            { options?: { providers?: { id: string }[] } }
          >
        }
        expect(config.modules.locking.options?.providers?.[0].id).toBe(
          "locking-postgres"
        )
      })
      lockContract(getContainer)
    })
  },
})
