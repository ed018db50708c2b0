import "../helpers/tick-env"
// A running run looks for a stop request this often (read when the runner
// loads, so set before it).
process.env.AUTOPILOT_CANCEL_POLL_MS = "100"
import type { MedusaContainer } from "@medusajs/framework/types"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { JOB_NAMES } from "../../src/catalog/jobs"
import { forEachBatch } from "../../src/runtime/batching"
import { overrideJobHandler } from "../../src/runtime/registry"
import { executeRun } from "../../src/runtime/runner"
import { autopilotService } from "../../src/runtime/settings"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { gate, waitFor } from "../helpers/wait"

jest.setTimeout(120_000)

setPluginOptions({ jobs: { "cart-pruning": { enabled: true } } })

const BATCHES = 40
const BATCH_SIZE = 5

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let userId: string
    let container: MedusaContainer

    beforeEach(async () => {
      container = getContainer()
      const admin = await createAdminUser(container)
      headers = admin.headers
      userId = admin.user.id
    })

    afterEach(() => {
      JOB_NAMES.forEach((name) => overrideJobHandler(name, undefined))
    })

    const queue = async () =>
      (
        await api.post(
          "/admin/autopilot/jobs/cart-pruning/run",
          {},
          { headers }
        )
      ).data.run as { id: string; status: string }
    const cancel = (id: string) =>
      api.post(`/admin/autopilot/runs/${id}/cancel`, {}, { headers })
    const row = (id: string) => autopilotService(container).retrieveJobRun(id)

    it("cancels a queued run at once; no worker runs it after", async () => {
      // A handler that would record work if it ever ran.
      let ran = false
      overrideJobHandler("cart-pruning", async () => {
        ran = true
      })
      const [created] = await autopilotService(container).createJobRuns([
        { job_name: "cart-pruning", trigger: "manual", status: "queued" },
      ])
      const res = await cancel(created.id)
      expect(res.status).toBe(200)
      expect(res.data.outcome).toBe("canceled")
      expect(res.data.run.status).toBe("canceled")
      const stored = await row(created.id)
      expect(stored).toMatchObject({ status: "canceled", canceled_by: userId })
      expect(stored.cancel_requested_at).toBeTruthy()

      const outcome = await executeRun(container, created.id)
      expect(outcome.status).toBe("canceled")
      expect(ran).toBe(false)
      expect((await row(created.id)).status).toBe("canceled")
    })

    it("stops a running run at its next batch and keeps what it did", async () => {
      const started = gate()
      const handled: number[] = []
      overrideJobHandler("cart-pruning", async (ctx) => {
        const rows = Array.from({ length: BATCHES * BATCH_SIZE }, (_, i) => i)
        await forEachBatch(ctx, {
          batchSize: BATCH_SIZE,
          total: rows.length,
          fetch: async (cursor, limit) => {
            const from = cursor === null ? 0 : cursor + 1
            return rows.slice(from, from + limit)
          },
          cursorOf: (r) => r,
          handle: async (batch) => {
            for (const r of batch) {
              ctx.changed("handled", String(r))
              handled.push(r)
            }
            if (handled.length === BATCH_SIZE * 2) started.open()
            await new Promise((resolve) => setTimeout(resolve, 100))
          },
        })
      })
      const run = await queue()
      await started.wait
      const res = await cancel(run.id)
      expect(res.data.outcome).toBe("stopping")
      // Asking twice is harmless.
      expect((await cancel(run.id)).data.outcome).toBe("stopping")

      const done = await waitFor(
        () => row(run.id),
        (r) => !!r.finished_at,
        { timeoutMs: 60_000, what: "the run to end" }
      )
      expect(done.status).toBe("canceled")
      expect(done.error).toMatch(/stopped on request/)
      // It stopped mid-way, between batches, with every handled row counted.
      expect(handled.length).toBeGreaterThanOrEqual(BATCH_SIZE * 2)
      expect(handled.length).toBeLessThan(BATCHES * BATCH_SIZE)
      expect(handled.length % BATCH_SIZE).toBe(0)
      expect((done.counters as { changed: number }).changed).toBe(
        handled.length
      )
      expect(done.progress_done).toBe(handled.length)
      expect(done.canceled_by).toBe(userId)

      // An ended run: 400 saying so; an unknown one: 404.
      const ended = await cancel(run.id).catch((e) => e.response)
      expect(ended.status).toBe(400)
      expect(ended.data.message).toMatch(/already ended/)
      const unknown = await cancel("aprun_unknown").catch((e) => e.response)
      expect(unknown.status).toBe(404)
      // A canceled run is not a failure: the job's failure streak is untouched.
      const [setting] = await autopilotService(container).listJobSettings({
        job_name: "cart-pruning",
      })
      expect(setting.consecutive_failures ?? 0).toBe(0)
    })
  },
})
