import { z } from "@medusajs/framework/zod"
import { PROVIDER_NAMES } from "../carriers/types"

/** The option schema of the shipment-tracking job (its carriers make it long). */
/** One HTTP carrier provider's settings; without `api_key` it is disabled. */
function carrierProvider(baseUrl: string, ratePerSecond: number) {
  return z
    .strictObject({
      api_key: z.string().min(1).optional(),
      /** Verifies its webhooks (Shippo: the `?token=` in the webhook URL; 17TRACK: defaults to the API key). */
      webhook_secret: z.string().min(1).optional(),
      /** The provider's API; tests point it at a local fake. */
      base_url: z.url({ protocol: /^https?$/ }).default(baseUrl),
      /** Requests per second this shop may send it (per process). */
      rate_limit_per_second: z
        .number()
        .positive()
        .max(1000)
        .default(ratePerSecond),
      /** The provider's carrier code for shipments no routing rule names one for (Shippo needs one). */
      carrier: z.string().min(1).optional(),
    })
    .default({ base_url: baseUrl, rate_limit_per_second: ratePerSecond })
}

const QUIET_HOURS = {
  pending: 6,
  info_received: 24,
  in_transit: 12,
  out_for_delivery: 2,
  available_for_pickup: 24,
  attempt_failed: 12,
  exception: 24,
}

export function shipmentTrackingOptions() {
  const hours = z.number().positive()
  return z.strictObject({
    /** Credentials and endpoints per provider; a provider without credentials is disabled. */
    providers: z
      .strictObject({
        aftership: carrierProvider("https://api.aftership.com", 5),
        easypost: carrierProvider("https://api.easypost.com", 5),
        shippo: carrierProvider("https://api.goshippo.com", 5),
        "17track": carrierProvider("https://api.17track.net", 3),
        sandbox: z
          .strictObject({
            /** The simulated carrier of the demo and tests. */
            enabled: z.boolean().default(false),
            webhook_secret: z.string().min(1).optional(),
          })
          .default({ enabled: false }),
      })
      .default({
        aftership: {
          base_url: "https://api.aftership.com",
          rate_limit_per_second: 5,
        },
        easypost: {
          base_url: "https://api.easypost.com",
          rate_limit_per_second: 5,
        },
        shippo: {
          base_url: "https://api.goshippo.com",
          rate_limit_per_second: 5,
        },
        "17track": {
          base_url: "https://api.17track.net",
          rate_limit_per_second: 3,
        },
        sandbox: { enabled: false },
      }),
    /** Which provider follows which shipment: the first rule whose conditions all match. */
    routing: z
      .array(
        z.strictObject({
          provider: z.enum(PROVIDER_NAMES),
          shipping_option_id: z.string().min(1).optional(),
          fulfillment_provider_id: z.string().min(1).optional(),
          /** A regular expression the tracking number must match. */
          tracking_number_pattern: z
            .string()
            .min(1)
            .refine((p) => {
              try {
                new RegExp(p)
                return true
              } catch {
                return false
              }
            }, "expected a valid regular expression")
            .optional(),
          /** The provider's carrier code for these shipments (e.g. Shippo's `usps`). */
          carrier: z.string().min(1).optional(),
        })
      )
      .default([]),
    /** The provider for shipments no rule matches; without one they are not followed. */
    default_provider: z.enum(PROVIDER_NAMES).optional(),
    /** Poll a shipment only after it has been quiet this many hours in its status. */
    quiet_hours: z
      .strictObject({
        pending: hours.default(QUIET_HOURS.pending),
        info_received: hours.default(QUIET_HOURS.info_received),
        in_transit: hours.default(QUIET_HOURS.in_transit),
        out_for_delivery: hours.default(QUIET_HOURS.out_for_delivery),
        available_for_pickup: hours.default(QUIET_HOURS.available_for_pickup),
        attempt_failed: hours.default(QUIET_HOURS.attempt_failed),
        exception: hours.default(QUIET_HOURS.exception),
      })
      .default(QUIET_HOURS),
    /** Stop following a shipment this many days after it shipped (status `expired`). */
    max_tracking_days: z.number().positive().default(30),
    /** Shipments read per batch. */
    batch_size: z.number().int().min(1).max(1000).default(100),
    /** A carrier request must answer within this. */
    timeout_ms: z.number().int().min(100).default(10_000),
    /** A 429 asking to wait longer than this fails the check (retried next run) instead of waiting. */
    max_retry_after_seconds: z.number().min(0).default(60),
    /** Tell customers: shipped, out for delivery, delivered, delivery problems. */
    notify_customer: z.boolean().default(true),
    /**
     * The storefront page a shipment message links to (`tracking_page_url`),
     * after `storefrontUrl`; `<token>` stands for the link's token.
     */
    tracking_page_path: z
      .string()
      .max(200)
      .regex(/^\/[^\s]*$/, "expected a path starting with /")
      .refine(
        (p) => p.includes("<token>"),
        "expected a path with <token> in it"
      )
      .default("/track/<token>"),
    /** Tell `merchantEmail` about exceptions and returns to the sender. */
    notify_merchant: z.boolean().default(true),
  })
}
