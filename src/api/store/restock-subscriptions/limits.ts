import type { MedusaResponse } from "@medusajs/framework/http"
import type { JobOptions } from "../../../catalog/jobs"

export type RestockLimitOptions = Pick<
  JobOptions<"restock-alerts">,
  | "ip_limit"
  | "email_limit"
  | "confirmation_limit"
  | "shop_limit"
  | "client_ip"
  | "storefront"
>

/** "in 40 seconds", "in 3 minutes", "in 2 hours": what a shopper reads. */
export function inWords(seconds: number): string {
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? "" : "s"}`
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 120) return `in ${minutes} minute${minutes === 1 ? "" : "s"}`
  return `in ${Math.ceil(minutes / 60)} hours`
}

export const REFUSALS = {
  client: (s: number) =>
    `Too many sign-ups from your network right now; please try again ${inWords(s)}.`,
  shop: (s: number) =>
    `The shop is receiving too many sign-ups right now; please try again ${inWords(s)}.`,
  email: (s: number) =>
    `You've signed up for many items in a short time; please try again ${inWords(s)}.`,
  confirmation: (s: number) =>
    `We've already sent several confirmation emails to this address; please use the link in one of them, or try again ${inWords(s)}.`,
}

/** 429 with Retry-After, a `type` and a message meant for the shopper. */
export function tooMany(
  res: MedusaResponse,
  retryAfterSeconds: number,
  message: string
): void {
  res
    .status(429)
    .set("Retry-After", String(retryAfterSeconds))
    .json({ type: "too_many_requests", message })
}
