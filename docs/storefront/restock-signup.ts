"use server"
/**
 * The back-in-stock form on a product page: a server action the form posts
 * to (`useActionState(subscribeToRestock, null)` in the client component).
 * The form sends `variant_id` (the selected, out-of-stock variant) and
 * `email` (omit the field for a logged-in customer: their email is used).
 */
import { isAutopilotStoreError } from "medusa-plugin-autopilot/storefront"
import { authHeaders, autopilot, shopperHeaders } from "./config"

export type SignupState =
  | null
  | { ok: true; needsConfirmation: boolean }
  | { ok: false; message: string; retryAfterSeconds?: number }

export async function subscribeToRestock(
  _previous: SignupState,
  form: FormData
): Promise<SignupState> {
  const email = form.get("email")
  try {
    const { restock_subscription } = await autopilot.restock.subscribe(
      {
        variant_id: String(form.get("variant_id") ?? ""),
        ...(typeof email === "string" && email ? { email } : {}),
      },
      { ...(await authHeaders()), ...(await shopperHeaders()) }
    )
    return {
      ok: true,
      needsConfirmation: restock_subscription.status === "pending_confirmation",
    }
  } catch (e) {
    if (!isAutopilotStoreError(e)) throw e
    // 400: a bad email or the variant is in stock again; 404: not sold in
    // this channel; 429: the message says when to try again.
    return {
      ok: false,
      message: e.message,
      ...(e.status === 429 && e.retryAfterSeconds
        ? { retryAfterSeconds: e.retryAfterSeconds }
        : {}),
    }
  }
}
