import "../helpers/tick-env"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { tickJob } from "../../src/runtime/scheduler"
import { autopilotService } from "../../src/runtime/settings"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"

jest.setTimeout(120_000)

// A `server` instance serves HTTP and the admin but runs no jobs: "run now"
// sent to it must be left queued for a worker.
process.env.MEDUSA_WORKER_MODE = "server"
setPluginOptions({})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    afterAll(() => {
      delete process.env.MEDUSA_WORKER_MODE
    })

    it("queues run now on a server instance; a worker's tick runs it", async () => {
      const container = getContainer()
      const config = container.resolve("configModule") as {
        projectConfig: { workerMode: string }
      }
      expect(config.projectConfig.workerMode).toBe("server")
      const { headers } = await createAdminUser(container)

      const res = await api.post(
        "/admin/autopilot/jobs/shipment-tracking/run",
        {},
        { headers }
      )
      expect(res.status).toBe(202)
      expect(res.data.run.status).toBe("queued")

      // The event was emitted, but this instance leaves the run to a worker.
      await new Promise((r) => setTimeout(r, 1500))
      const service = autopilotService(container)
      expect((await service.retrieveJobRun(res.data.run.id)).status).toBe(
        "queued"
      )

      // A worker's next tick (same database) picks it up.
      const outcomes = await tickJob(container, "shipment-tracking")
      expect(outcomes[0]).toEqual({
        runId: res.data.run.id,
        status: "succeeded",
      })
    })
  },
})
