import { isIP } from "node:net"
import { z } from "@medusajs/framework/zod"

/** The options of `restock-alerts` (see `jobs.ts`): their zod schema, with the admin form's `.meta()`. */
export function restockAlertsOptions() {
  return z.strictObject({
    /** Signups start `pending_confirmation` and need the link in a confirmation message. */
    double_opt_in: z.boolean().default(false).meta({
      title: "Confirm signups by email",
      description:
        "Shoppers confirm with a link in an email before they are alerted (double opt-in).",
    }),
    /** Signup always answers 202 alike, never telling whether an address was already subscribed (instead of 201/200). */
    private_signup_response: z.boolean().default(false).meta({
      title: "Private signup answers",
      description:
        "The signup form answers alike whether or not the address was already signed up.",
    }),
    /** A wave alerts at most ceil(available × wave_factor) of the oldest waiting shoppers. */
    wave_factor: z.number().positive().default(3).meta({
      title: "Shoppers alerted per unit in stock",
      description:
        "With 2 back in stock and 3 here, the 6 longest-waiting shoppers are alerted first.",
    }),
    /** Waiting subscriptions expire after this many days. */
    expire_after_days: z.number().positive().default(90).meta({
      title: "Signups expire after",
      description: "Shoppers still waiting after this are no longer alerted.",
      unit: "days",
    }),
    /** An order with the variant by the alerted email within this many days counts as a conversion. */
    conversion_days: z.number().positive().default(7).meta({
      title: "Count orders within",
      description:
        "An order for the variant by the alerted email within this counts as a sale from the alert.",
      unit: "days",
    }),
    /** Every variant with waiting shoppers is checked at least this often, whatever the events said. */
    sweep_hours: z.number().positive().default(24).meta({
      title: "Check every variant at least every",
      description:
        "Variants with waiting shoppers are checked this often even without stock events.",
      unit: "hours",
    }),
    /**
     * Signup requests per client address per window (across instances),
     * counting every request. The address is the socket's, or what
     * `client_ip` and the storefront header make of it.
     */
    ip_limit: z
      .strictObject({
        max: z.number().int().min(1).default(60).meta({
          title: "Requests",
          description:
            "Over this, the signup form answers “too many requests”.",
        }),
        window_minutes: z.number().positive().default(10).meta({
          title: "Per",
          description: "The window the limit counts in.",
          unit: "minutes",
        }),
      })
      .default({ max: 60, window_minutes: 10 })
      .meta({
        title: "Limit per visitor",
        description: "Signup requests from one visitor's address.",
      }),
    /** New subscriptions per email (or logged-in customer) per window; repeats and refused signups do not count. */
    email_limit: z
      .strictObject({
        max: z.number().int().min(1).default(20).meta({
          title: "Signups",
          description:
            "Over this, the signup form answers “too many requests”.",
        }),
        window_minutes: z.number().positive().default(60).meta({
          title: "Per",
          description: "The window the limit counts in.",
          unit: "minutes",
        }),
      })
      .default({ max: 20, window_minutes: 60 })
      .meta({
        title: "Limit per email",
        description: "New signups per email address or customer.",
      }),
    /** Confirmation messages (double opt-in) per recipient per window; over it the signup answers 429. */
    confirmation_limit: z
      .strictObject({
        max: z.number().int().min(1).default(5).meta({
          title: "Emails",
          description:
            "Over this, the signup form answers “too many requests”.",
        }),
        window_minutes: z.number().positive().default(1440).meta({
          title: "Per",
          description: "The window the limit counts in.",
          unit: "minutes",
        }),
      })
      .default({ max: 5, window_minutes: 1440 })
      .meta({
        title: "Limit of confirmation emails",
        description:
          "Confirmation emails to one address (with email confirmation on).",
      }),
    /** Signup requests for the whole shop per window: the last line. */
    shop_limit: z
      .strictObject({
        max: z.number().int().min(1).default(600).meta({
          title: "Requests",
          description:
            "Over this, the signup form answers “too many requests”.",
        }),
        window_minutes: z.number().positive().default(1).meta({
          title: "Per",
          description: "The window the limit counts in.",
          unit: "minutes",
        }),
      })
      .default({ max: 600, window_minutes: 1 })
      .meta({
        title: "Limit for the whole shop",
        description:
          "Signup requests for the whole shop: the last line of defence.",
      }),
    /**
     * Which `X-Forwarded-For` entries to believe: the proxies in front of
     * Medusa, by address/CIDR and/or by count of hops. None by default:
     * the socket address is the client.
     */
    client_ip: z
      .strictObject({
        trusted_proxies: z
          .array(
            z.string().refine(
              (v) => {
                const [ip, bits, extra] = v.split("/")
                const family = isIP(ip)
                if (!family || extra !== undefined) return false
                if (bits === undefined) return true
                const n = Number(bits)
                return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128)
              },
              {
                message: "must be an IP address or a CIDR range",
              }
            )
          )
          .default([])
          .meta({
            title: "Trusted proxies",
            description:
              "Addresses or ranges (10.0.0.0/8) of the proxies in front of the shop.",
            placeholder: "10.0.0.0/8",
          }),
        trusted_hops: z.number().int().min(0).max(10).default(0).meta({
          title: "Trusted proxy hops",
          description:
            "How many proxies in front of the shop add the visitor's address.",
        }),
      })
      .default({ trusted_proxies: [], trusted_hops: 0 })
      .meta({
        title: "Visitor addresses",
        description:
          "Which forwarded addresses to believe; none by default (the connection's address counts).",
      }),
    /**
     * A server-rendered storefront: `secret`, sent by it as
     * `x-autopilot-storefront-secret`, makes the shopper's address in
     * `x-autopilot-client-ip` count instead of the storefront's own
     * (masked in the admin like every `secret`).
     */
    storefront: z
      .strictObject({
        secret: z.string().min(24).max(512).nullable().default(null).meta({
          title: "Storefront secret",
          description:
            "At least 24 characters; the storefront sends it so its visitors' addresses count.",
          secret: true,
        }),
      })
      .default({ secret: null })
      .meta({
        title: "Server-rendered storefront",
        description:
          "For a storefront that calls the shop from its own server.",
      }),
    /** Product page link in the alert; `{handle}` is replaced. */
    product_url: z.string().default("{storefrontUrl}/products/{handle}").meta({
      title: "Product page link",
      description:
        "The product link in the alert; the storefront address and the product's handle are filled in.",
    }),
    /** Variants checked per batch. */
    batch_size: z.number().int().min(1).max(1000).default(100).meta({
      title: "Batch size",
      description: "Variants handled per batch.",
    }),
  })
}
