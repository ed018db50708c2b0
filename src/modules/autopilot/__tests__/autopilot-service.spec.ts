import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { AUTOPILOT_MODULE } from ".."
import { JobRun, JobSetting, JobSettingChange } from "../models"
import type AutopilotModuleService from "../service"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<AutopilotModuleService>({
  moduleName: AUTOPILOT_MODULE,
  moduleModels: [JobSetting, JobRun, JobSettingChange],
  resolve: "./src/modules/autopilot",
  moduleOptions: {
    storefrontUrl: "https://shop.example.com",
    jobs: { "cart-pruning": { enabled: false } },
  },
  testSuite: ({ service }) => {
    describe("autopilot module service", () => {
      it("hands out the validated options with defaults", async () => {
        const options = await service.getOptions()
        expect(options.storefrontUrl).toBe("https://shop.example.com")
        expect(options.notificationChannel).toBe("email")
        expect(options.jobs["cart-pruning"].enabled).toBe(false)
        expect(options.jobs["cart-reminders"].enabled).toBe(true)
      })

      it("stores job settings with a prefixed id, one per job name", async () => {
        const created = await service.createJobSettings({
          job_name: "cart-pruning",
          enabled: false,
        })
        expect(created.id).toMatch(/^apjset_/)
        expect(created.source).toBe("options")
        expect(created.consecutive_failures).toBe(0)

        await expect(
          service.createJobSettings({ job_name: "cart-pruning", enabled: true })
        ).rejects.toThrow(/already exists/)
      })

      it("records runs with their counters and failures", async () => {
        const run = await service.createJobRuns({
          job_name: "payment-recovery",
          trigger: "manual",
          actor: "user_123",
          dry_run: true,
          counters: { scanned: 3, changed: 1, skipped: 2, failed: 0 },
          failures: {
            items: [{ item_id: "ps_1", reason: "timeout" }],
            omitted: 0,
          },
        })
        expect(run.id).toMatch(/^aprun_/)
        expect(run.status).toBe("queued")

        const [stored] = await service.listJobRuns({
          job_name: "payment-recovery",
        })
        expect(stored).toMatchObject({
          trigger: "manual",
          dry_run: true,
          counters: { scanned: 3, changed: 1 },
          failures: {
            items: [{ item_id: "ps_1", reason: "timeout" }],
            omitted: 0,
          },
        })
      })

      it("refuses a trigger or status outside the contract", async () => {
        await expect(
          service.createJobRuns({
            job_name: "payment-recovery",
            trigger: "cron" as never,
          })
        ).rejects.toThrow()
      })
    })
  },
})
