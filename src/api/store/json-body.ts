import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
  MiddlewareRoute,
} from "@medusajs/framework/http"

/**
 * Runs before every plugin store route that takes a body: a
 * request that is not `application/json` gets 415 naming the type to send,
 * and a JSON array or scalar gets 400 "expected a JSON object" — instead of
 * the validator's "Field '' is required". Webhooks (src/api/hooks) read
 * their raw bodies themselves and do not use it.
 */
export function jsonObjectBody(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const type = String(req.headers["content-type"] ?? "")
    .split(";")[0]
    .trim()
    .toLowerCase()
  if (type !== "application/json") {
    res.status(415).json({
      type: "unsupported_media_type",
      message:
        "Send the request body as JSON with Content-Type: application/json",
    })
    return
  }
  const body: unknown = req.body
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    res.status(400).json({
      type: "invalid_data",
      message: "Invalid request: expected a JSON object",
    })
    return
  }
  next()
}

/**
 * {@link jsonObjectBody} once for every plugin store route (`/store/autopilot/…`,
 * `/store/restock-subscriptions`), a new one included. A RegExp matcher:
 * Medusa registers those before string matchers, so it runs before each
 * route's own validator.
 */
export const storeJsonBodyMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST", "PUT", "PATCH"],
    matcher: /^\/store\/(autopilot|restock-subscriptions)(\/|$)/,
    middlewares: [jsonObjectBody],
  },
]
