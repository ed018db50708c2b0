import "../helpers/tick-env"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminRoutes } from "../helpers/admin-routes"
import { setPluginOptions } from "../helpers/plugin-options"

jest.setTimeout(120_000)

setPluginOptions({})

medusaIntegrationTestRunner({
  testSuite: ({ api }) => {
    const routes = adminRoutes()

    it("finds the plugin's admin routes", () => {
      expect(routes.length).toBeGreaterThanOrEqual(10)
      expect(routes).toContainEqual(
        expect.objectContaining({
          method: "POST",
          path: "/admin/autopilot/jobs/anything/run",
        })
      )
    })

    it.each(routes.map((r) => [r.method, r.path]))(
      "%s %s refuses a request without admin authentication",
      async (method, url) => {
        for (const headers of [{}, { authorization: "Bearer not-a-token" }]) {
          const res = await api
            .request({
              method,
              url,
              data: method === "GET" ? undefined : {},
              headers,
            })
            .catch((e: { response: { status: number } }) => e.response)
          expect(res.status).toBe(401)
        }
      }
    )
  },
})
