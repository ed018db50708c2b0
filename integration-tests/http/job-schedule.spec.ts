import "../helpers/fast-tick-env"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { JOB_NAMES } from "../../src/catalog/jobs"
import { autopilotService } from "../../src/runtime/settings"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { waitFor } from "../helpers/wait"

// Booting with Medusa's scheduler ticking every 300 ms is the slow part on a
// busy machine.
jest.setTimeout(300_000)

// Medusa's own scheduler ticks the plugin's jobs every 300 ms here; only
// payment-recovery is on, due every second.
setPluginOptions({
  jobs: Object.fromEntries(
    JOB_NAMES.map((name) => [
      name,
      name === "payment-recovery"
        ? { schedule: { interval: 1000 } }
        : { enabled: false },
    ])
  ),
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("Medusa's scheduler runs the due job, and the switch stops it", async () => {
      const container = getContainer()
      const { headers } = await createAdminUser(container)
      const scheduled = async () =>
        autopilotService(container).listJobRuns(
          { trigger: "schedule" },
          { take: null, order: { created_at: "ASC" } }
        )

      const runs = await waitFor(scheduled, (r) => r.length >= 2, {
        what: "two scheduled runs",
        timeoutMs: 30_000,
      })
      expect(new Set(runs.map((r) => r.job_name))).toEqual(
        new Set(["payment-recovery"])
      )
      // Each ran, or its slot was skipped because the run before still
      // held the job (a run can outlast the 1 s interval): never failed.
      const others = runs.filter(
        (r) => !["succeeded", "running"].includes(r.status)
      )
      expect(others.map((r) => [r.status, r.error])).toEqual(
        others.map(() => ["canceled", expect.stringMatching(/^skipped: /)])
      )
      expect(others.length).toBeLessThan(runs.length)
      // One run per slot: no two scheduled runs share a slot.
      const slots = runs.map((r) => new Date(r.scheduled_for!).getTime())
      expect(new Set(slots).size).toBe(slots.length)

      await api.post(
        "/admin/autopilot/jobs/payment-recovery",
        { enabled: false },
        { headers }
      )
      // Let a tick that was already past its check finish.
      await new Promise((r) => setTimeout(r, 1500))
      const before = (await scheduled()).length
      await new Promise((r) => setTimeout(r, 3000))
      expect((await scheduled()).length).toBe(before)

      await api.post(
        "/admin/autopilot/jobs/payment-recovery",
        { enabled: true },
        { headers }
      )
      await waitFor(scheduled, (r) => r.length > before, {
        what: "a scheduled run after switching back on",
        timeoutMs: 30_000,
      })
    })
  },
})
