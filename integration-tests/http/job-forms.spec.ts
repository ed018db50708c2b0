import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { JOB_NAMES } from "../../src/catalog/jobs"
import type { FieldError, JobView } from "../../src/types"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"

jest.setTimeout(180_000)

/**
 * The settings form each job's page renders is described by the server
 * from the option schema; a refused change names its fields; a job whose
 * required settings are missing cannot be switched on.
 */
const AFTERSHIP_KEY = "ak_test_0123456789abcdef"
const FEED_TOKEN = "feed-token-0123456789abcdef"
setPluginOptions({
  jobs: {
    "shipment-tracking": {
      options: {
        providers: { aftership: { api_key: AFTERSHIP_KEY } },
        default_provider: "aftership",
      },
    },
    "stock-feed-sync": {
      enabled: false,
      options: { auth: { type: "bearer", token: FEED_TOKEN } },
    },
  },
})

type Answer = {
  status: number
  data: {
    type?: string
    message?: string
    fields?: FieldError[]
    job?: JobView
  }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let headers: Record<string, string>

    beforeEach(async () => {
      container = getContainer()
      headers = (await createAdminUser(container)).headers
    })

    const path = (name: string) => `/admin/autopilot/jobs/${name}`
    const get = async (name: string): Promise<JobView> =>
      (await api.get(path(name), { headers })).data.job
    const post = (name: string, body: object): Promise<Answer> =>
      api
        .post(path(name), body, { headers })
        .catch((e: { response: Answer }) => e.response)

    it("serves every job's form, described from its option schema", async () => {
      for (const name of JOB_NAMES) {
        const job = await get(name)
        expect(job.form.fields.map((f) => f.key)).toEqual(
          Object.keys(job.options_schema.properties ?? {})
        )
        for (const field of job.form.fields) {
          expect(field.title).toBeTruthy()
          expect(field.help).toBeTruthy()
          expect(field.path).toBe(`options.${field.key}`)
        }
      }
      const feed = await get("stock-feed-sync")
      expect(
        feed.form.fields.find((f) => f.key === "max_change_ratio")
      ).toMatchObject({ control: "number", unit: "%", scale: 100, max: 1 })
      // the token stays masked in the options the form starts from
      expect(feed.options.auth).toEqual({ type: "bearer", token: "••••cdef" })
    })

    it("names the refused field in a 400", async () => {
      const answer = await post("stock-feed-sync", {
        options: { max_change_ratio: 2 },
      })
      expect(answer.status).toBe(400)
      expect(answer.data.type).toBe("invalid_data")
      expect(answer.data.message).toMatch(/^options\.max_change_ratio: /)
      expect(answer.data.fields).toEqual([
        { path: "options.max_change_ratio", message: expect.any(String) },
      ])

      const nested = await post("restock-alerts", {
        options: { ip_limit: { max: 0, window_minutes: 10 } },
      })
      expect(nested.status).toBe(400)
      expect(nested.data.fields?.map((f) => f.path)).toEqual([
        "options.ip_limit.max",
      ])

      const schedule = await post("cart-pruning", { schedule: "every day" })
      expect(schedule.status).toBe(400)
      expect(schedule.data.fields?.map((f) => f.path)).toEqual(["schedule"])

      const unknown = await post("cart-pruning", { options: { nope: 1 } })
      expect(unknown.status).toBe(400)
      expect(unknown.data.fields?.[0].path).toBe("options.nope")
    })

    it("shows what a job needs and refuses to switch it on without it", async () => {
      const before = await get("stock-feed-sync")
      expect(before.enabled).toBe(false)
      expect(before.readiness).toEqual({
        ready: false,
        missing: [
          { path: "options.url", message: "Add the feed URL" },
          {
            path: "options.default_location_id",
            message: expect.stringMatching(/stock location/),
          },
        ],
      })
      expect((await get("cart-pruning")).readiness).toEqual({
        ready: true,
        missing: [],
      })
      expect((await get("shipment-tracking")).readiness.ready).toBe(true)

      const refused = await post("stock-feed-sync", { enabled: true })
      expect(refused.status).toBe(400)
      expect(refused.data.type).toBe("invalid_data")
      expect(refused.data.message).toContain(
        "Stock feed sync needs setup before it can be switched on: Add the feed URL"
      )
      expect(refused.data.fields?.map((f) => f.path)).toEqual([
        "options.url",
        "options.default_location_id",
      ])
      expect((await get("stock-feed-sync")).enabled).toBe(false)

      // Half the setup is still refused, naming what is left.
      const half = await post("stock-feed-sync", {
        enabled: true,
        options: { url: "https://feed.example/stock.csv" },
      })
      expect(half.status).toBe(400)
      expect(half.data.fields?.map((f) => f.path)).toEqual([
        "options.default_location_id",
      ])

      // The settings and the switch in one request: ready, so it is on.
      const on = await post("stock-feed-sync", {
        enabled: true,
        options: {
          url: "https://feed.example/stock.csv",
          default_location_id: "sloc_demo",
        },
      })
      expect(on.status).toBe(200)
      expect(on.data.job?.enabled).toBe(true)
      expect(on.data.job?.readiness).toEqual({ ready: true, missing: [] })
      expect((await post("stock-feed-sync", { enabled: false })).status).toBe(
        200
      )
    })

    it("saves every job's settings unchanged, secrets kept behind their mask", async () => {
      for (const name of JOB_NAMES) {
        const job = await get(name)
        const answer = await post(name, {
          options: job.options,
          schedule: job.schedule,
        })
        expect([name, answer.status, answer.data.message]).toEqual([
          name,
          200,
          undefined,
        ])
        expect(answer.data.job?.options).toEqual(job.options)
      }
      const tracking = await get("shipment-tracking")
      expect(
        (tracking.options.providers as Record<string, { api_key?: string }>)
          .aftership.api_key
      ).toBe("••••cdef")
    })
  },
})
