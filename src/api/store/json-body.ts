import bodyParser from "body-parser"
import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
  MiddlewareRoute,
} from "@medusajs/framework/http"

/**
 * The body size limit of every plugin store route that takes a body, by
 * path. The plugin reads these bodies itself (see {@link jsonObjectBody}),
 * so the limits live here instead of in each route's `bodyParser` entry.
 */
export const STORE_BODY_LIMITS: Record<string, string> = {
  "/store/restock-subscriptions": "16kb",
  "/store/autopilot/confirm": "4kb",
  "/store/autopilot/unsubscribe": "4kb",
  "/store/autopilot/cart-recovery": "4kb",
  "/store/autopilot/shipments/status": "4kb",
  "/store/autopilot/shipments/lookup": "4kb",
}

/** For a store route not listed in {@link STORE_BODY_LIMITS}. */
export const DEFAULT_STORE_BODY_LIMIT = "4kb"

const readers = new Map<string, ReturnType<typeof bodyParser.raw>>()

function rawReader(limit: string) {
  let reader = readers.get(limit)
  if (!reader) {
    // Any content type: the type is judged after the size, so an oversized
    // body of any type gets 413 (as Medusa's parsers answer).
    reader = bodyParser.raw({ type: () => true, limit })
    readers.set(limit, reader)
  }
  return reader
}

function refuse(
  res: MedusaResponse,
  status: number,
  type: string,
  message: string
) {
  res.status(status).json({ type, message })
}

function contentType(req: MedusaRequest): string {
  return String(req.headers["content-type"] ?? "")
    .split(";")[0]
    .trim()
    .toLowerCase()
}

/**
 * Reads the body of a plugin store route (Medusa's parser is off for them):
 * over the route's limit → 413; not `application/json` → 415 naming the
 * type to send; not JSON → 400 "not valid JSON"; an array or a scalar
 * (`5`, `"x"`, `null`) → 400 "expected a JSON object" — instead of the
 * validator's "Field '' is required" or the strict parser's token error.
 * An empty body reads as `{}`, so the validator names the missing fields.
 * Webhooks (src/api/hooks) read their raw bodies themselves.
 */
export function jsonObjectBody(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const limit = STORE_BODY_LIMITS[req.path] ?? DEFAULT_STORE_BODY_LIMIT
  rawReader(limit)(req, res, (error?: unknown) => {
    if (error) {
      const e = error as { type?: string; status?: number; message?: string }
      if (e.type === "entity.too.large") {
        return refuse(
          res,
          413,
          "payload_too_large",
          `The request body is larger than this route accepts (${limit})`
        )
      }
      return refuse(
        res,
        e.status && e.status < 500 ? e.status : 400,
        "invalid_data",
        `Invalid request: the body could not be read (${e.message ?? "unknown error"})`
      )
    }
    if (contentType(req) !== "application/json") {
      return refuse(
        res,
        415,
        "unsupported_media_type",
        "Send the request body as JSON with Content-Type: application/json"
      )
    }
    const raw = Buffer.isBuffer(req.body)
      ? req.body.toString("utf8").trim()
      : ""
    let body: unknown = {}
    if (raw) {
      try {
        body = JSON.parse(raw)
      } catch {
        return refuse(
          res,
          400,
          "invalid_data",
          "Invalid request: the body is not valid JSON"
        )
      }
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      return refuse(
        res,
        400,
        "invalid_data",
        "Invalid request: expected a JSON object"
      )
    }
    req.body = body
    next()
  })
}

/**
 * {@link jsonObjectBody} once for every plugin store route (`/store/autopilot/…`,
 * `/store/restock-subscriptions`), a new one included, with Medusa's body
 * parser off for them (`bodyParser: false`). A RegExp matcher: Medusa
 * registers those before string matchers, so it runs before each route's
 * own validator. The routes' own entries must not set `bodyParser` (a
 * string matcher's parser config would win over this one).
 */
export const storeJsonBodyMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST", "PUT", "PATCH"],
    matcher: /^\/store\/(autopilot|restock-subscriptions)(\/|$)/,
    bodyParser: false,
    middlewares: [jsonObjectBody],
  },
]
