/**
 * The storefront's server data layer: one `Medusa` instance (as the
 * starter's `src/lib/config.ts` makes it) and the plugin's typed client on
 * top of it. Server-only: it reads the storefront secret.
 */
import Medusa from "@medusajs/js-sdk"
import { cookies, headers } from "next/headers"
import { createAutopilotClient } from "medusa-plugin-autopilot/storefront"

export const sdk = new Medusa({
  baseUrl: process.env.MEDUSA_BACKEND_URL ?? "http://localhost:9000",
  publishableKey: process.env.NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY,
})

export const autopilot = createAutopilotClient(sdk)

/** The starter's cookie names (`src/lib/data/cookies.ts`). */
export const CART_COOKIE = "_medusa_cart_id"
const JWT_COOKIE = "_medusa_jwt"

/** The logged-in customer's token, as the starter's `getAuthHeaders()`. */
export async function authHeaders(): Promise<Record<string, string>> {
  const token = (await cookies()).get(JWT_COOKIE)?.value
  return token ? { authorization: `Bearer ${token}` } : {}
}

/**
 * The shopper's own address, for the plugin's per-client limits: the
 * storefront's server calls Medusa for every shopper, so without these
 * headers they all share the server's address. Sent only with the secret
 * (the `restock-alerts` job option `storefront.secret`, 24+ characters),
 * which never reaches a browser. Which header carries the shopper's address
 * depends on the host: `x-forwarded-for`'s first entry on Vercel and most
 * proxies.
 */
export async function shopperHeaders(): Promise<Record<string, string>> {
  const secret = process.env.AUTOPILOT_STOREFRONT_SECRET
  if (!secret) return {}
  const forwarded = (await headers()).get("x-forwarded-for") ?? ""
  const ip = forwarded.split(",")[0]?.trim()
  return {
    "x-autopilot-storefront-secret": secret,
    ...(ip ? { "x-autopilot-client-ip": ip } : {}),
  }
}

/** Sets the cart cookie as the starter does — only in a server action or route handler. */
export async function setCartCookie(cartId: string): Promise<void> {
  ;(await cookies()).set(CART_COOKIE, cartId, {
    maxAge: 60 * 60 * 24 * 7,
    httpOnly: true,
    sameSite: "strict",
    secure: process.env.NODE_ENV === "production",
  })
}
