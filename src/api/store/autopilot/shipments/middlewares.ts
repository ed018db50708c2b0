import {
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
  type MiddlewareRoute,
  validateAndTransformBody,
} from "@medusajs/framework/http"
import type { JobOptions } from "../../../../catalog/jobs"
import { hitLimit, type Limit } from "../../../../runtime/rate-limit"
import { loadEffectiveSetting } from "../../../../runtime/settings"
import { clientAddress } from "../../client-address"
import { redactErrors } from "../../../utils/redact-errors"
import {
  StoreShipmentLookup,
  type StoreShipmentLookupType,
  StoreShipmentStatus,
} from "./validators"

/**
 * Lookups per client address. A server-rendered storefront calls from its
 * own address for all its shoppers, so this is a ceiling per storefront
 * server as much as per shopper; the per-order limit is the one that stops
 * guessing.
 */
export const LOOKUP_CLIENT_LIMIT: Limit = { max: 60, window_minutes: 10 }
/** Lookups per order number, from anywhere: guessing one order's email stays slow. */
export const LOOKUP_ORDER_LIMIT: Limit = { max: 10, window_minutes: 60 }

/** "in 40 seconds", "in 3 minutes": what a shopper reads (and the typed client parses). */
function inWords(seconds: number): string {
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? "" : "s"}`
  const minutes = Math.ceil(seconds / 60)
  return `in ${minutes} minute${minutes === 1 ? "" : "s"}`
}

/** 429 with Retry-After, and the wait in the message too. */
function tooMany(res: MedusaResponse, retryAfterSeconds: number) {
  res
    .status(429)
    .set("Retry-After", String(retryAfterSeconds))
    .json({
      type: "too_many_requests",
      message: `Too many look-ups; please try again ${inWords(retryAfterSeconds)}.`,
    })
}

/**
 * Counts every lookup, found or not, per client address and per order
 * number, across instances; over either → 429 with Retry-After. The client
 * is found as for the back-in-stock signup (see `clientAddress`, with the
 * restock-alerts job's `client_ip` and `storefront` options): the socket's
 * address, never a bare `X-Forwarded-For`; a storefront server names the
 * shopper with `x-autopilot-client-ip` and the storefront secret. A wrong
 * secret → 401; the secret without an address counts per order only.
 */
async function lookupRateLimit(
  req: MedusaRequest<StoreShipmentLookupType>,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const { options } = await loadEffectiveSetting(req.scope, "restock-alerts")
  const client = clientAddress(
    req,
    options as Pick<JobOptions<"restock-alerts">, "client_ip" | "storefront">
  )
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
      "shipment-lookup-ip",
      client.address,
      LOOKUP_CLIENT_LIMIT
    )
    if (!byClient.allowed) return tooMany(res, byClient.retryAfterSeconds)
  }
  const byOrder = await hitLimit(
    req.scope,
    "shipment-lookup-order",
    String(req.validatedBody.order_display_id),
    LOOKUP_ORDER_LIMIT
  )
  if (!byOrder.allowed) return tooMany(res, byOrder.retryAfterSeconds)
  next()
}

export const storeShipmentMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/store/autopilot/shipments/status",
    middlewares: [redactErrors(validateAndTransformBody(StoreShipmentStatus))],
  },
  {
    method: ["POST"],
    matcher: "/store/autopilot/shipments/lookup",
    middlewares: [
      redactErrors(validateAndTransformBody(StoreShipmentLookup)),
      lookupRateLimit as never,
    ],
  },
]
