import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import path from "node:path"
import middlewares from "../../src/api/middlewares"
import { STORE_BODY_LIMITS } from "../../src/api/store/json-body"

const API = path.resolve(__dirname, "../../src/api")

/** The namespaces anyone can call: storefront routes and webhooks. */
export const PUBLIC_NAMESPACES = ["store", "hooks"] as const

export type PublicRoute = {
  method: string
  /** As the router matches it, e.g. `/hooks/autopilot/tracking/:provider`. */
  matcher: string
  namespace: (typeof PUBLIC_NAMESPACES)[number]
  /** The route's file, relative to src/api. */
  file: string
  /**
   * `bodyParser.sizeLimit` of its middleware entry, or for a plugin store
   * route (which reads its body itself) its entry in `STORE_BODY_LIMITS`.
   */
  sizeLimit?: string
  /**
   * Whether the route reads a request body. GET and HEAD do not (and
   * Node's fetch refuses to send one): their input is the path and query.
   */
  takesBody: boolean
}

/** Methods whose requests carry no body. */
export const BODYLESS_METHODS = ["GET", "HEAD"] as const

export const takesBody = (method: string) =>
  !(BODYLESS_METHODS as readonly string[]).includes(method)

function routeFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry)
    if (statSync(full).isDirectory()) return routeFiles(full)
    return entry === "route.ts" ? [full] : []
  })
}

type ConfiguredRoute = {
  matcher: string | RegExp
  methods?: string[]
  bodyParser?: { sizeLimit?: string | number } | false
}

function sizeLimitOf(matcher: string, method: string): string | undefined {
  const routes = (middlewares as { routes: ConfiguredRoute[] }).routes
  const entry = routes.find(
    (r) =>
      r.matcher === matcher &&
      (!r.methods || r.methods.includes(method)) &&
      r.bodyParser &&
      r.bodyParser.sizeLimit !== undefined
  )
  if (entry && entry.bodyParser) return String(entry.bodyParser.sizeLimit)
  return STORE_BODY_LIMITS[matcher]
}

/**
 * Every store and webhook route the plugin serves, read from the router's
 * files (`route.ts` and its exported methods): a new route is fuzzed and
 * checked without anyone listing it.
 */
export function publicRoutes(): PublicRoute[] {
  return PUBLIC_NAMESPACES.flatMap((namespace) =>
    routeFiles(path.join(API, namespace)).flatMap((file) => {
      const matcher =
        "/" +
        path
          .relative(API, path.dirname(file))
          .split(path.sep)
          .map((part) =>
            part.startsWith("[") ? `:${part.replace(/^\[+|\]+$/g, "")}` : part
          )
          .join("/")
      const source = readFileSync(file, "utf8")
      return [
        ...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g),
      ].map(([, method]) => ({
        method,
        matcher,
        namespace,
        file: path.relative(API, file),
        sizeLimit: sizeLimitOf(matcher, method),
        takesBody: takesBody(method),
      }))
    })
  )
}

/** `"4kb"` → 4096: the units body-parser accepts. */
export function sizeLimitBytes(limit: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(limit.trim())
  if (!m) throw new Error(`unreadable size limit "${limit}"`)
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[
    (m[2] ?? "b").toLowerCase() as "b" | "kb" | "mb" | "gb"
  ]
  return Math.floor(Number(m[1]) * unit)
}
