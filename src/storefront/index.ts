/**
 * A typed client for the plugin's store routes, for a storefront's server
 * code: `medusa-plugin-autopilot/storefront`. It goes through the shop's own
 * `Medusa` instance (`sdk.client.fetch`), so the base URL, the publishable
 * key, the locale and a logged-in customer's token are the storefront's.
 *
 * Imports only `@medusajs/js-sdk` and the plugin's types.
 *
 * @example
 * import Medusa from "@medusajs/js-sdk"
 * import { createAutopilotClient } from "medusa-plugin-autopilot/storefront"
 *
 * const sdk = new Medusa({ baseUrl, publishableKey })
 * const autopilot = createAutopilotClient(sdk)
 * const { cart_id } = await autopilot.carts.recover({ token })
 */
import type Medusa from "@medusajs/js-sdk"
import type { ClientHeaders } from "@medusajs/js-sdk"
import type { StoreCartRecoveryResponse } from "../types/carts"
import type { StoreTokenStatusResponse } from "../types/privacy"
import type { StoreRestockSubscriptionResponse } from "../types/restock"
import type { StoreShipmentStatusResponse } from "../types/shipments"
import type {
  StoreErrorBody,
  StoreRestockSubscribeRequest,
  StoreShipmentLookupRequest,
  StoreTokenRequest,
} from "../types/storefront"

export type {
  StoreCartRecoveryResponse,
  StoreErrorBody,
  StoreRestockSubscribeRequest,
  StoreRestockSubscriptionResponse,
  StoreShipmentLookupRequest,
  StoreShipmentStatusResponse,
  StoreTokenRequest,
  StoreTokenStatusResponse,
}

/** Per-call headers: a customer's `authorization`, the shopper's address, … */
export type RequestHeaders = Record<string, string>

/** The `type` of each status the plugin's store routes answer with. */
const TYPES: Record<number, string> = {
  400: "invalid_data",
  401: "unauthorized",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  429: "too_many_requests",
}

const UNIT_SECONDS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
}

/**
 * The wait a refusal's message names ("… try again in 3 minutes"), in
 * seconds, rounded up to its unit; null when it names none.
 */
export function waitInMessage(message: string): number | null {
  const match = /\bin (\d+) (second|minute|hour)s?\b/i.exec(message)
  if (!match) return null
  return Number(match[1]) * UNIT_SECONDS[match[2].toLowerCase()]
}

/**
 * A refusal of the plugin's store routes: the HTTP `status`, the error's
 * `type` (`invalid_data`, `not_found`, `conflict`, `too_many_requests`, …),
 * the message meant for the shopper and, on a 429, how long to wait.
 */
export class AutopilotStoreError extends Error {
  readonly status: number
  readonly type: string
  /** On a 429: seconds until a retry may succeed; null otherwise. */
  readonly retryAfterSeconds: number | null

  constructor(
    status: number,
    message: string,
    type?: string,
    retryAfterSeconds: number | null = null
  ) {
    super(message)
    this.name = "AutopilotStoreError"
    this.status = status
    this.type = type ?? TYPES[status] ?? "unknown_error"
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** Whether `e` is a refusal of the plugin's store routes. */
export function isAutopilotStoreError(e: unknown): e is AutopilotStoreError {
  return e instanceof AutopilotStoreError
}

/**
 * js-sdk's `FetchError` keeps only the status and the body's message: the
 * body's `type` and the `Retry-After` header are gone by then. The type
 * follows from the status (each status of these routes has one type) and
 * a 429's wait from its message, which always names it.
 */
function toStoreError(e: unknown): unknown {
  const fetchError = e as { status?: unknown; message?: unknown } | null
  if (
    !fetchError ||
    typeof fetchError.status !== "number" ||
    typeof fetchError.message !== "string"
  ) {
    return e
  }
  const status = fetchError.status
  return new AutopilotStoreError(
    status,
    fetchError.message,
    undefined,
    status === 429 ? (waitInMessage(fetchError.message) ?? 60) : null
  )
}

type Sdk = Pick<Medusa, "client">

/** The plugin's store routes, typed. Every method throws {@link AutopilotStoreError} on a refusal. */
export type AutopilotClient = ReturnType<typeof createAutopilotClient>

/**
 * Binds the plugin's store routes to the shop's `Medusa` instance. Each
 * method takes the request body and optional per-call headers (e.g. the
 * customer's `authorization`, or `x-autopilot-client-ip` with
 * `x-autopilot-storefront-secret` from a server).
 */
export function createAutopilotClient(sdk: Sdk) {
  const post = async <T>(
    path: string,
    body: object,
    headers: RequestHeaders = {}
  ): Promise<T> => {
    try {
      return await sdk.client.fetch<T>(path, {
        method: "POST",
        body: body as Record<string, unknown>,
        headers: headers as ClientHeaders,
      })
    } catch (e) {
      throw toStoreError(e)
    }
  }

  return {
    restock: {
      /** `POST /store/restock-subscriptions`: 201 new, 200 already waiting, 202 private answer. */
      subscribe: (
        body: StoreRestockSubscribeRequest,
        headers?: RequestHeaders
      ) =>
        post<StoreRestockSubscriptionResponse>(
          "/store/restock-subscriptions",
          body,
          headers
        ),
      /** `POST /store/autopilot/confirm`: a double opt-in's confirmation link. */
      confirm: (body: StoreTokenRequest, headers?: RequestHeaders) =>
        post<StoreTokenStatusResponse>(
          "/store/autopilot/confirm",
          body,
          headers
        ),
      /** `POST /store/autopilot/unsubscribe`: the unsubscribe link of any message. */
      unsubscribe: (body: StoreTokenRequest, headers?: RequestHeaders) =>
        post<StoreTokenStatusResponse>(
          "/store/autopilot/unsubscribe",
          body,
          headers
        ),
    },
    carts: {
      /** `POST /store/autopilot/cart-recovery`: a reminder's recovery link → the cart to restore. */
      recover: (body: StoreTokenRequest, headers?: RequestHeaders) =>
        post<StoreCartRecoveryResponse>(
          "/store/autopilot/cart-recovery",
          body,
          headers
        ),
      /** `POST /store/autopilot/unsubscribe`: a reminder's unsubscribe link. */
      unsubscribe: (body: StoreTokenRequest, headers?: RequestHeaders) =>
        post<StoreTokenStatusResponse>(
          "/store/autopilot/unsubscribe",
          body,
          headers
        ),
    },
    shipments: {
      /**
       * The parcel of a message's tracking link, by its token (or `{ token }`).
       * Sent as `POST /store/autopilot/shipments/status`, not as
       * `GET /store/autopilot/shipments/:token`: the token stays in the body,
       * out of access logs and proxies. Both answer alike.
       */
      get: (token: string | StoreTokenRequest, headers?: RequestHeaders) =>
        post<StoreShipmentStatusResponse>(
          "/store/autopilot/shipments/status",
          typeof token === "string" ? { token } : token,
          headers
        ),
      /** `POST /store/autopilot/shipments/lookup`: an order's parcels by number and email. */
      lookup: (body: StoreShipmentLookupRequest, headers?: RequestHeaders) =>
        post<StoreShipmentStatusResponse>(
          "/store/autopilot/shipments/lookup",
          body,
          headers
        ),
    },
  }
}
