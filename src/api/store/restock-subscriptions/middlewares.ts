import {
  type AuthenticatedMedusaRequest,
  type MedusaNextFunction,
  type MedusaResponse,
  type MiddlewareRoute,
  validateAndTransformBody,
} from "@medusajs/framework/http"
import { redactErrors } from "../../utils/redact-errors"
import { hitLimit, type LimitResult } from "../../../runtime/rate-limit"
import { loadEffectiveSetting } from "../../../runtime/settings"
import {
  StoreCreateRestockSubscription,
  type StoreCreateRestockSubscriptionType,
} from "./validators"

function tooMany(res: MedusaResponse, result: LimitResult, what: string) {
  res
    .status(429)
    .set("Retry-After", String(result.retryAfterSeconds))
    .json({
      type: "too_many_requests",
      message: `Too many signups from this ${what}; try again in ${result.retryAfterSeconds} seconds`,
    })
}

/**
 * Signups per IP and per email (or logged-in customer), counted across
 * instances; over the limit → 429 with Retry-After. Limits come from the
 * restock-alerts job's options.
 */
async function signupRateLimit(
  req: AuthenticatedMedusaRequest<StoreCreateRestockSubscriptionType>,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const { options } = await loadEffectiveSetting(req.scope, "restock-alerts")
  const limits = options as {
    ip_limit: { max: number; window_minutes: number }
    email_limit: { max: number; window_minutes: number }
  }
  const ip = req.ip ?? req.socket?.remoteAddress ?? "unknown"
  const byIp = await hitLimit(
    req.scope,
    "restock-signup-ip",
    ip,
    limits.ip_limit
  )
  if (!byIp.allowed) return tooMany(res, byIp, "address")
  const who = req.validatedBody?.email ?? req.auth_context?.actor_id
  if (who) {
    const byEmail = await hitLimit(
      req.scope,
      "restock-signup-email",
      who,
      limits.email_limit
    )
    if (!byEmail.allowed) return tooMany(res, byEmail, "email address")
  }
  next()
}

export const restockSubscriptionMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/store/restock-subscriptions",
    bodyParser: { sizeLimit: "16kb" },
    middlewares: [
      redactErrors(validateAndTransformBody(StoreCreateRestockSubscription)),
      signupRateLimit as never,
    ],
  },
]
