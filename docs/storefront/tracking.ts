/**
 * The parcel tracking page of shipment messages, `/track/<token>` (the
 * job option `tracking_page_path`), and the order lookup form next to it.
 */
import { notFound } from "next/navigation"
import {
  isAutopilotStoreError,
  type StoreShipmentStatusResponse,
} from "medusa-plugin-autopilot/storefront"
import { autopilot, shopperHeaders } from "./config"

/**
 * What `app/[countryCode]/track/[token]/page.tsx` renders (a server
 * component may call it: it only reads). An unknown or expired link → the
 * page's 404.
 */
export async function trackingPageData(
  token: string
): Promise<StoreShipmentStatusResponse> {
  try {
    // POST /store/autopilot/shipments/status: the token stays out of logs.
    return await autopilot.shipments.get(token)
  } catch (e) {
    if (isAutopilotStoreError(e) && e.status === 404) notFound()
    throw e
  }
}

export type LookupState =
  | null
  | { ok: true; result: StoreShipmentStatusResponse }
  | { ok: false; message: string; retryAfterSeconds?: number }

/**
 * The lookup form's server action: order number and email. Every miss
 * (unknown order, wrong email) is one 404 — show one message for it.
 */
export async function lookupShipments(
  _previous: LookupState,
  form: FormData
): Promise<LookupState> {
  "use server"
  const order = Number(String(form.get("order") ?? "").replace(/^#/, ""))
  try {
    const result = await autopilot.shipments.lookup(
      { order_display_id: order, email: String(form.get("email") ?? "") },
      await shopperHeaders()
    )
    return { ok: true, result }
  } catch (e) {
    if (!isAutopilotStoreError(e)) throw e
    if (e.status === 404) {
      return {
        ok: false,
        message: "We found no order with this number and email.",
      }
    }
    return {
      ok: false,
      message: e.message,
      ...(e.retryAfterSeconds
        ? { retryAfterSeconds: e.retryAfterSeconds }
        : {}),
    }
  }
}
