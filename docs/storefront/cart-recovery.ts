/**
 * The page of a cart reminder's recovery link, `/cart/recover?token=…`
 * (the starter's middleware adds the country: `/de/cart/recover?token=…`).
 *
 * A route handler, `app/[countryCode]/cart/recover/route.ts`: since Next.js
 * 15 a cookie can be set only from a route handler or a server action, not
 * while a page renders — and restoring the cart means setting the cart
 * cookie. It answers with a redirect, so a reload or a mail scanner
 * following the link does no harm (the plugin's route only reads, and
 * applies the reminder's discount code to the cart, which it may do again).
 */
import { redirect } from "next/navigation"
import { cookies } from "next/headers"
import {
  isAutopilotStoreError,
  type StoreCartRecoveryResponse,
} from "medusa-plugin-autopilot/storefront"
import {
  authHeaders,
  autopilot,
  CART_COOKIE,
  sdk,
  setCartCookie,
} from "./config"

type RecoveredCart = {
  id: string
  customer_id: string | null
  shipping_address?: { country_code?: string | null } | null
  region?: { countries?: { iso_2?: string | null }[] | null } | null
}

/** Where the link leads: the cart page, or a page that says why not. */
export async function recoverCartRedirect(
  token: string | null,
  countryCode: string
): Promise<string> {
  if (!token) return `/${countryCode}/cart?recovery=invalid`
  let cartId: string
  let discount: StoreCartRecoveryResponse["discount"]
  try {
    ;({ cart_id: cartId, discount } = await autopilot.carts.recover({ token }))
  } catch (e) {
    if (!isAutopilotStoreError(e)) throw e
    // 409: the cart became an order; 400: unknown, expired or another
    // storefront's link — one answer, it says nothing about the cart.
    return e.status === 409
      ? `/${countryCode}/account/orders?recovery=ordered`
      : `/${countryCode}/cart?recovery=invalid`
  }

  const auth = await authHeaders()
  const { cart } = (await sdk.store.cart.retrieve(
    cartId,
    {
      fields: "id,customer_id,shipping_address.country_code,*region.countries",
    },
    auth
  )) as unknown as { cart: RecoveredCart }

  // A logged-in shopper: a guest cart becomes theirs (Medusa's transfer);
  // another customer's cart is not taken over — sign in as its owner.
  if (auth.authorization) {
    const { customer } = await sdk.store.customer.retrieve(
      { fields: "id" },
      auth
    )
    if (!cart.customer_id) {
      await sdk.store.cart.transferCart(cart.id, {}, auth)
    } else if (cart.customer_id !== customer.id) {
      return `/${countryCode}/account?recovery=other-account`
    }
  } else if (cart.customer_id) {
    // The customer's own cart: ask them to sign in, then come back.
    const back = `/${countryCode}/cart/recover?token=${encodeURIComponent(token)}`
    return `/${countryCode}/account?next=${encodeURIComponent(back)}`
  }

  // An existing cart cookie: the link is the shopper's latest wish, so the
  // recovered cart replaces it (the other cart stays in Medusa, untouched).
  const current = (await cookies()).get(CART_COOKIE)?.value
  if (current !== cart.id) await setCartCookie(cart.id)

  // A region mismatch: keep the cart's region (its prices are the ones
  // the reminder showed) and move the shopper to one of its countries.
  const countries = (cart.region?.countries ?? [])
    .map((c) => c.iso_2?.toLowerCase())
    .filter((c): c is string => !!c)
  const country = countries.includes(countryCode.toLowerCase())
    ? countryCode
    : (cart.shipping_address?.country_code?.toLowerCase() ??
      countries[0] ??
      countryCode)
  // The reminder's discount code: the cart page says it is applied, or why
  // not (expired, used, ...); the cart is restored either way.
  return discount
    ? `/${country}/cart?code=${encodeURIComponent(discount.outcome)}`
    : `/${country}/cart`
}

/** `app/[countryCode]/cart/recover/route.ts` */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ countryCode: string }> }
): Promise<never> {
  const { countryCode } = await params
  const token = new URL(request.url).searchParams.get("token")
  redirect(await recoverCartRedirect(token, countryCode))
}
