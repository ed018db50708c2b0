"use server"
/**
 * The unsubscribe and confirm links of the plugin's messages:
 * `/autopilot/unsubscribe?token=…` (every message: reminders, alerts,
 * confirmations) and `/autopilot/confirm?token=…` (double opt-in).
 *
 * The page (`app/[countryCode]/autopilot/unsubscribe/page.tsx`) renders a
 * form with the token in a hidden field and one button; the button posts
 * to these server actions. Acting on the page's GET would let mail
 * scanners, which open every link, unsubscribe or confirm by themselves.
 */
import { isAutopilotStoreError } from "medusa-plugin-autopilot/storefront"
import { autopilot } from "./config"

export type LinkState =
  null | { ok: true; status: string } | { ok: false; message: string }

async function apply(
  call: () => Promise<{ status: string }>
): Promise<LinkState> {
  try {
    return { ok: true, ...(await call()) }
  } catch (e) {
    // 400: an unknown or expired link (one message for every bad token).
    if (isAutopilotStoreError(e)) return { ok: false, message: e.message }
    throw e
  }
}

/** Unsubscribes the address of any message: `{ status: "unsubscribed" }`. */
export async function unsubscribe(
  _previous: LinkState,
  form: FormData
): Promise<LinkState> {
  const token = String(form.get("token") ?? "")
  return apply(() => autopilot.carts.unsubscribe({ token }))
}

/** Confirms a back-in-stock signup: `{ status: "active" }`. */
export async function confirmRestock(
  _previous: LinkState,
  form: FormData
): Promise<LinkState> {
  const token = String(form.get("token") ?? "")
  return apply(() => autopilot.restock.confirm({ token }))
}
