import {
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
  type MiddlewareRoute,
  validateAndTransformBody,
} from "@medusajs/framework/http"
import { hitLimit, type Limit } from "../../../../runtime/rate-limit"
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
 * is the connection's address, not `req.ip` (Medusa trusts one proxy hop,
 * so `X-Forwarded-For` would choose it).
 */
async function lookupRateLimit(
  req: MedusaRequest<StoreShipmentLookupType>,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const byClient = await hitLimit(
    req.scope,
    "shipment-lookup-ip",
    req.socket?.remoteAddress ?? "unknown",
    LOOKUP_CLIENT_LIMIT
  )
  if (!byClient.allowed) return tooMany(res, byClient.retryAfterSeconds)
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
    bodyParser: { sizeLimit: "4kb" },
    middlewares: [redactErrors(validateAndTransformBody(StoreShipmentStatus))],
  },
  {
    method: ["POST"],
    matcher: "/store/autopilot/shipments/lookup",
    bodyParser: { sizeLimit: "4kb" },
    middlewares: [
      redactErrors(validateAndTransformBody(StoreShipmentLookup)),
      lookupRateLimit as never,
    ],
  },
]
