import { z } from "@medusajs/framework/zod"
import { PROVIDER_NAMES } from "../carriers/types"
import type { ReadinessItem } from "../types/forms"

/** The option schema of the shipment-tracking job (its carriers make it long). */
/** One HTTP carrier provider's settings; without `api_key` it is disabled. */
function carrierProvider(
  title: string,
  baseUrl: string,
  ratePerSecond: number
) {
  return z
    .strictObject({
      api_key: z
        .string()
        .min(1)
        .optional()
        .meta({
          title: "API key",
          description: `Your ${title} API key; without one ${title} is off.`,
          secret: true,
        }),
      /** Verifies its webhooks (Shippo: the `?token=` in the webhook URL; 17TRACK: defaults to the API key). */
      webhook_secret: z
        .string()
        .min(1)
        .optional()
        .meta({
          title: "Webhook secret",
          description: `Checks that status updates really come from ${title}.`,
          secret: true,
        }),
      /** The provider's API; tests point it at a local fake. */
      base_url: z
        .url({ protocol: /^https?$/ })
        .default(baseUrl)
        .meta({
          title: "API address",
          description: `${title}'s API; change it only for a test server.`,
        }),
      /** Requests per second this shop may send it (per process). */
      rate_limit_per_second: z
        .number()
        .positive()
        .max(1000)
        .default(ratePerSecond)
        .meta({
          title: "Request limit",
          description: `Requests per second this shop may send ${title}.`,
          unit: "per second",
        }),
      /** The provider's carrier code for shipments no routing rule names one for (Shippo needs one). */
      carrier: z
        .string()
        .min(1)
        .optional()
        .meta({
          title: "Default carrier code",
          description: `${title}'s code of the carrier for shipments no rule names one for.`,
        }),
    })
    .default({ base_url: baseUrl, rate_limit_per_second: ratePerSecond })
    .meta({ title, description: `Follows parcels through ${title}.` })
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

/** Days without a carrier event after which a parcel in that status is stalled. */
const STALL_DAYS = {
  pending: 5,
  info_received: 5,
  in_transit: 7,
  out_for_delivery: 2,
  available_for_pickup: 7,
  attempt_failed: 3,
  exception: 5,
}

const PROVIDER_LABELS = {
  aftership: "AfterShip",
  easypost: "EasyPost",
  shippo: "Shippo",
  "17track": "17TRACK",
  sandbox: "Sandbox",
} satisfies Record<(typeof PROVIDER_NAMES)[number], string>

export function shipmentTrackingOptions() {
  const hours = z.number().positive()
  const days = z.number().positive().max(365)
  return z.strictObject({
    /** Credentials and endpoints per provider; a provider without credentials is disabled. */
    providers: z
      .strictObject({
        aftership: carrierProvider("AfterShip", "https://api.aftership.com", 5),
        easypost: carrierProvider("EasyPost", "https://api.easypost.com", 5),
        shippo: carrierProvider("Shippo", "https://api.goshippo.com", 5),
        "17track": carrierProvider("17TRACK", "https://api.17track.net", 3),
        sandbox: z
          .strictObject({
            /** The simulated carrier of the demo and tests. */
            enabled: z.boolean().default(false).meta({
              title: "On",
              description: "The simulated carrier of the demo and tests.",
            }),
            webhook_secret: z.string().min(1).optional().meta({
              title: "Webhook secret",
              description: "Checks the simulated carrier's status updates.",
              secret: true,
            }),
          })
          .default({ enabled: false })
          .meta({
            title: "Sandbox",
            description: "A simulated carrier for trying the job out.",
          }),
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
      })
      .meta({
        title: "Carriers",
        description: "Enter a carrier's API key to follow parcels through it.",
        layout: "cards",
      }),
    /** Which provider follows which shipment: the first rule whose conditions all match. */
    routing: z
      .array(
        z.strictObject({
          provider: z.enum(PROVIDER_NAMES).meta({
            title: "Carrier service",
            description: "Follows the shipments this rule matches.",
            labels: PROVIDER_LABELS,
          }),
          shipping_option_id: z.string().min(1).optional().meta({
            title: "Shipping option ID",
            description: "Only shipments with this shipping option (so_…).",
          }),
          fulfillment_provider_id: z.string().min(1).optional().meta({
            title: "Fulfillment provider ID",
            description: "Only shipments of this fulfillment provider.",
          }),
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
            .optional()
            .meta({
              title: "Tracking number pattern",
              description:
                "Only tracking numbers matching this regular expression (^1Z for UPS).",
            }),
          /** The provider's carrier code for these shipments (e.g. Shippo's `usps`). */
          carrier: z.string().min(1).optional().meta({
            title: "Carrier code",
            description: "The service's code of the carrier (Shippo's usps).",
          }),
        })
      )
      .default([])
      .meta({
        title: "Routing rules",
        description:
          "Which service follows which shipment: the first rule that matches wins.",
        item_title: "Rule",
      }),
    /** The provider for shipments no rule matches; without one they are not followed. */
    default_provider: z.enum(PROVIDER_NAMES).optional().meta({
      title: "Default carrier service",
      description:
        "Follows shipments no rule matches; without one they are not followed.",
      labels: PROVIDER_LABELS,
    }),
    /** Poll a shipment only after it has been quiet this many hours in its status. */
    quiet_hours: z
      .strictObject({
        pending: hours.default(QUIET_HOURS.pending).meta({
          title: "Waiting for the carrier",
          description: "Hours a parcel in this status waits between checks.",
          unit: "hours",
        }),
        info_received: hours.default(QUIET_HOURS.info_received).meta({
          title: "Label created",
          description: "Hours a parcel in this status waits between checks.",
          unit: "hours",
        }),
        in_transit: hours.default(QUIET_HOURS.in_transit).meta({
          title: "In transit",
          description: "Hours a parcel in this status waits between checks.",
          unit: "hours",
        }),
        out_for_delivery: hours.default(QUIET_HOURS.out_for_delivery).meta({
          title: "Out for delivery",
          description: "Hours a parcel in this status waits between checks.",
          unit: "hours",
        }),
        available_for_pickup: hours
          .default(QUIET_HOURS.available_for_pickup)
          .meta({
            title: "Ready for pickup",
            description: "Hours a parcel in this status waits between checks.",
            unit: "hours",
          }),
        attempt_failed: hours.default(QUIET_HOURS.attempt_failed).meta({
          title: "Delivery attempt failed",
          description: "Hours a parcel in this status waits between checks.",
          unit: "hours",
        }),
        exception: hours.default(QUIET_HOURS.exception).meta({
          title: "Delivery problem",
          description: "Hours a parcel in this status waits between checks.",
          unit: "hours",
        }),
      })
      .default(QUIET_HOURS)
      .meta({
        title: "Check a parcel again after",
        description:
          "A parcel is checked once it has been quiet this long in its status.",
      }),
    /** Stop following a shipment this many days after it shipped (status `expired`). */
    max_tracking_days: z.number().positive().default(30).meta({
      title: "Stop following after",
      description: "Days after shipping; the parcel is then marked expired.",
      unit: "days",
    }),
    /** A parcel with no carrier event for this many days in its status is `stalled`. */
    stall_days: z
      .strictObject({
        pending: days.default(STALL_DAYS.pending).meta({
          title: "Waiting for the carrier",
          description: "Days without news before a parcel counts as stuck.",
          unit: "days",
        }),
        info_received: days.default(STALL_DAYS.info_received).meta({
          title: "Label created",
          description: "Days without news before a parcel counts as stuck.",
          unit: "days",
        }),
        in_transit: days.default(STALL_DAYS.in_transit).meta({
          title: "In transit",
          description: "Days without news before a parcel counts as stuck.",
          unit: "days",
        }),
        out_for_delivery: days.default(STALL_DAYS.out_for_delivery).meta({
          title: "Out for delivery",
          description: "Days without news before a parcel counts as stuck.",
          unit: "days",
        }),
        available_for_pickup: days
          .default(STALL_DAYS.available_for_pickup)
          .meta({
            title: "Ready for pickup",
            description: "Days without news before a parcel counts as stuck.",
            unit: "days",
          }),
        attempt_failed: days.default(STALL_DAYS.attempt_failed).meta({
          title: "Delivery attempt failed",
          description: "Days without news before a parcel counts as stuck.",
          unit: "days",
        }),
        exception: days.default(STALL_DAYS.exception).meta({
          title: "Delivery problem",
          description: "Days without news before a parcel counts as stuck.",
          unit: "days",
        }),
      })
      .default(STALL_DAYS)
      .meta({
        title: "Stuck after",
        description:
          "A parcel with no carrier news this long in its status is stuck.",
      }),
    /** A parcel not delivered this many hours after the carrier's estimate is `delayed`. */
    delay_grace_hours: z.number().min(0).max(720).default(24).meta({
      title: "Late after the expected date by",
      description:
        "Hours past the carrier's expected delivery before a parcel is late.",
      unit: "hours",
    }),
    /** Tell the customer once per parcel that it is running late (delayed or stalled). */
    notify_customer_late: z.boolean().default(false).meta({
      title: "Tell customers when a parcel runs late",
      description:
        "One email per parcel when it is late or stuck, with the expected date.",
    }),
    /** Shipments read per batch. */
    batch_size: z.number().int().min(1).max(1000).default(100).meta({
      title: "Batch size",
      description: "Shipments handled per batch.",
    }),
    /** A carrier request must answer within this. */
    timeout_ms: z.number().int().min(100).default(10_000).meta({
      title: "Carrier time limit",
      description: "A carrier request must answer within this.",
      unit: "seconds",
      scale: 0.001,
    }),
    /** A 429 asking to wait longer than this fails the check (retried next run) instead of waiting. */
    max_retry_after_seconds: z.number().min(0).default(60).meta({
      title: "Longest wait when asked to slow down",
      description:
        "A carrier asking to wait longer is retried on the next run instead.",
      unit: "seconds",
    }),
    /** Tell customers: shipped, out for delivery, delivered, delivery problems. */
    notify_customer: z.boolean().default(true).meta({
      title: "Email customers",
      description:
        "Shipped, out for delivery, delivered and delivery problems.",
    }),
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
      .default("/track/<token>")
      .meta({
        title: "Tracking page path",
        description:
          "The storefront page shipment emails link to; <token> is filled in.",
      }),
    /** Tell `merchantEmail` about exceptions, returns to the sender, and late or stuck parcels. */
    notify_merchant: z.boolean().default(true).meta({
      title: "Email me about problems",
      description:
        "Delivery problems, returns to sender, late and stuck parcels.",
    }),
  })
}

/**
 * Shipment tracking needs a carrier service it may use (an API key, or the
 * sandbox switched on) and a way to pick one for a shipment (a default or a
 * routing rule).
 */
export function shipmentTrackingReadiness(
  options: Record<string, unknown>
): ReadinessItem[] {
  const providers = (options.providers ?? {}) as Record<
    string,
    { api_key?: string; enabled?: boolean } | undefined
  >
  const usable = PROVIDER_NAMES.filter((name) =>
    name === "sandbox"
      ? providers.sandbox?.enabled === true
      : Boolean(providers[name]?.api_key)
  )
  const missing: ReadinessItem[] = []
  if (!usable.length) {
    missing.push({
      path: "options.providers",
      message:
        "Enter the API key of a carrier service (AfterShip, EasyPost, Shippo or 17TRACK)",
    })
  }
  const routing = Array.isArray(options.routing) ? options.routing : []
  if (!options.default_provider && !routing.length) {
    missing.push({
      path: "options.default_provider",
      message: "Choose the default carrier service, or add a routing rule",
    })
  }
  return missing
}
