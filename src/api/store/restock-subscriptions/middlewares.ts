import {
  type AuthenticatedMedusaRequest,
  type MedusaNextFunction,
  type MedusaResponse,
  type MiddlewareRoute,
  validateAndTransformBody,
} from "@medusajs/framework/http"
import { redactErrors } from "../../utils/redact-errors"
import { hitLimit } from "../../../runtime/rate-limit"
import { loadEffectiveSetting } from "../../../runtime/settings"
import { clientAddress, clientKey } from "../client-address"
import { REFUSALS, type RestockLimitOptions, tooMany } from "./limits"
import {
  StoreCreateRestockSubscription,
  type StoreCreateRestockSubscriptionType,
} from "./validators"

/**
 * Signup requests per client address, then for the whole shop, counted
 * across instances; over either → 429 with Retry-After. The client is the
 * socket's address unless the merchant trusts proxies (`client_ip`) or the
 * storefront proves itself (`storefront.secret`): see {@link clientAddress}.
 * A wrong storefront secret → 401. The per-email and confirmation limits
 * are the route's: they count only what a signup actually did.
 */
async function signupRateLimit(
  req: AuthenticatedMedusaRequest<StoreCreateRestockSubscriptionType>,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const { options } = await loadEffectiveSetting(req.scope, "restock-alerts")
  const limits = options as RestockLimitOptions
  const client = clientAddress(req, limits)
  if (client.kind === "bad-secret") {
    res.status(401).json({
      type: "unauthorized",
      message: "The storefront secret does not match this shop's",
    })
    return
  }
  if (client.kind === "address") {
    const byClient = await hitLimit(
      req.scope,
      "restock-signup-ip",
      clientKey(client.address),
      limits.ip_limit
    )
    if (!byClient.allowed) {
      return tooMany(
        res,
        byClient.retryAfterSeconds,
        REFUSALS.client(byClient.retryAfterSeconds)
      )
    }
  }
  const byShop = await hitLimit(
    req.scope,
    "restock-signup-shop",
    "shop",
    limits.shop_limit
  )
  if (!byShop.allowed) {
    return tooMany(
      res,
      byShop.retryAfterSeconds,
      REFUSALS.shop(byShop.retryAfterSeconds)
    )
  }
  next()
}

export const restockSubscriptionMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/store/restock-subscriptions",
    middlewares: [
      redactErrors(validateAndTransformBody(StoreCreateRestockSubscription)),
      signupRateLimit as never,
    ],
  },
]
