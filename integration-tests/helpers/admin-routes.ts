import { readdirSync, readFileSync, statSync } from "node:fs"
import path from "node:path"

const ADMIN_API = path.resolve(__dirname, "../../src/api/admin")

export type AdminRoute = {
  method: string
  /** The URL with every `[param]` segment replaced by `anything`. */
  path: string
  /** The route's folder path relative to `src/api/admin`, params kept (`autopilot/jobs/[name]`). */
  pattern: string
}

/** Every admin route the plugin serves, read from the router's files: a new route cannot slip through. */
export function adminRoutes(dir = ADMIN_API): AdminRoute[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry)
    if (statSync(full).isDirectory()) return adminRoutes(full)
    if (entry !== "route.ts") return []
    const parts = path.relative(ADMIN_API, path.dirname(full)).split(path.sep)
    const url =
      "/admin/" +
      parts.map((part) => (part.startsWith("[") ? "anything" : part)).join("/")
    const source = readFileSync(full, "utf8")
    const methods = [
      ...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g),
    ].map((m) => m[1])
    return methods.map((method) => ({
      method,
      path: url,
      pattern: parts.join("/"),
    }))
  })
}
