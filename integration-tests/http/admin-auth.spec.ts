import "../helpers/tick-env"
import { readdirSync, readFileSync, statSync } from "node:fs"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { setPluginOptions } from "../helpers/plugin-options"

jest.setTimeout(120_000)

setPluginOptions({})

const ADMIN_API = path.resolve(__dirname, "../../src/api/admin")

/** Every admin route the plugin serves, read from the router's files: a new route cannot slip through. */
function adminRoutes(dir = ADMIN_API): { method: string; path: string }[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry)
    if (statSync(full).isDirectory()) return adminRoutes(full)
    if (entry !== "route.ts") return []
    const url =
      "/admin/" +
      path
        .relative(ADMIN_API, path.dirname(full))
        .split(path.sep)
        .map((part) => (part.startsWith("[") ? "anything" : part))
        .join("/")
    const source = readFileSync(full, "utf8")
    const methods = [
      ...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g),
    ].map((m) => m[1])
    return methods.map((method) => ({ method, path: url }))
  })
}

medusaIntegrationTestRunner({
  testSuite: ({ api }) => {
    const routes = adminRoutes()

    it("finds the plugin's admin routes", () => {
      expect(routes.length).toBeGreaterThanOrEqual(10)
      expect(routes).toContainEqual({
        method: "POST",
        path: "/admin/autopilot/jobs/anything/run",
      })
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
