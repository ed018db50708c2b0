import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"

jest.setTimeout(180_000)

/**
 * A job's options changed in the admin override the plugin options per
 * top-level option; `null` returns that one option to the plugin options
 * (or the schema default), leaving the other overrides as they are.
 */
setPluginOptions({
  jobs: {
    "cart-reminders": {
      options: { steps: [30, 600], stop_after_hours: 72 },
    },
  },
})

type Options = Record<string, unknown>

/** Steps saved as minutes read back as `{ after_minutes }` objects. */
const minutes = (...m: number[]) =>
  m.map((after_minutes) => ({ after_minutes }))
type Answer = {
  status: number
  data: { type?: string; message?: string; job?: { options: Options } }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let headers: Record<string, string>

    beforeEach(async () => {
      container = getContainer()
      headers = (await createAdminUser(container)).headers
    })

    const PATH = "/admin/autopilot/jobs/cart-reminders"
    const shown = async (): Promise<Options> =>
      (await api.get(PATH, { headers })).data.job.options
    const save = (options: Options): Promise<Answer> =>
      api
        .post(PATH, { options }, { headers })
        .catch((e: { response: Answer }) => e.response)

    it("overrides one option at a time and keeps the plugin options for the rest", async () => {
      expect((await save({ steps: [60, 120, 240] })).status).toBe(200)
      expect(await shown()).toMatchObject({
        steps: minutes(60, 120, 240),
        stop_after_hours: 72,
      })
      expect((await save({ batch_size: 50 })).status).toBe(200)
      expect(await shown()).toMatchObject({
        steps: minutes(60, 120, 240),
        stop_after_hours: 72,
        batch_size: 50,
      })
    })

    it("null returns one option to the plugin options", async () => {
      expect((await save({ steps: [5, 10], batch_size: 40 })).status).toBe(200)
      const reset = await save({ steps: null })
      expect(reset.status).toBe(200)
      expect(reset.data.job?.options).toMatchObject({
        steps: minutes(30, 600),
        batch_size: 40,
      })
      expect(await shown()).toMatchObject({
        steps: minutes(30, 600),
        batch_size: 40,
      })
    })

    it("null on an option the plugin options leave unset returns the default", async () => {
      expect((await save({ recovery_token_days: 3 })).status).toBe(200)
      expect((await save({ recovery_token_days: null })).status).toBe(200)
      expect((await shown()).recovery_token_days).toBe(14)
    })

    it("null on an option the job does not have is refused", async () => {
      const answer = await save({ no_such_option: null })
      expect(answer.status).toBe(400)
      expect(answer.data.message).toContain(
        'options: unknown option "no_such_option"'
      )
    })

    it("an invalid value is refused and changes nothing", async () => {
      expect((await save({ batch_size: 60 })).status).toBe(200)
      const answer = await save({ batch_size: 0, steps: null })
      expect(answer.status).toBe(400)
      expect(answer.data.message).toContain("options.batch_size")
      expect((await shown()).batch_size).toBe(60)
    })
  },
})
