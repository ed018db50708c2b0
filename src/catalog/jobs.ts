import { isIP } from "node:net"
import { z } from "@medusajs/framework/zod"
import type { JobReadiness, ReadinessItem } from "../types/forms"
import { cartReminderStepsSchema } from "./cart-reminder-steps"
import type { JobSchedule } from "./schedule"
import {
  shipmentTrackingOptions,
  shipmentTrackingReadiness,
} from "./shipment-tracking-options"

/**
 * The jobs the plugin ships, declared once. This file is pure data (names,
 * texts, default schedules and the zod schema of each job's options) so the
 * module can validate plugin options at start-up without loading workflows.
 * What a run does is registered separately, by the composition root
 * `src/features/index.ts`.
 *
 * Job names are a contract with shops (plugin options, admin URLs, API calls):
 * never rename one.
 */
export const JOB_NAMES = [
  "payment-recovery",
  "shipment-tracking",
  "restock-alerts",
  "cart-reminders",
  "cart-pruning",
  "inventory-reconciliation",
  "stock-feed-sync",
] as const

export type JobName = (typeof JOB_NAMES)[number]

export type JobDefinition = {
  name: JobName
  title: string
  description: string
  defaultSchedule: JobSchedule
  defaultEnabled: boolean
  /** Validates the job's own options; every field has a default. */
  optionsSchema: z.ZodObject
  /** How long one run may keep starting new work (default 10 minutes). */
  timeBudgetMs?: number
  /**
   * The settings the job cannot work without, given its options (defaults
   * filled in): each missing one in the merchant's words, with the field to
   * take them to. Empty (or absent) when the job is ready. The admin shows
   * "Needs setup" and the API refuses to switch the job on until it is.
   */
  readiness?: (options: Record<string, unknown>) => ReadinessItem[]
}

export const JOB_CATALOG = {
  "payment-recovery": {
    name: "payment-recovery",
    title: "Payment recovery",
    description:
      "Finds customers who paid at the payment provider but never came back, asks the provider for the real status and completes the cart into an order.",
    // every 5 minutes
    defaultSchedule: "*/5 * * * *",
    defaultEnabled: true,
    optionsSchema: z.strictObject({
      /**
       * Provider ids (glob patterns) whose authorization step is a pure status
       * read; checked at discovery, at every re-check and before completion.
       * `*` means every provider except `pp_system_default`, which authorizes
       * anything and is never touched; naming it is refused.
       */
      providers: z
        .array(z.string().min(1))
        .refine((patterns) => !patterns.includes("pp_system_default"), {
          message:
            "pp_system_default authorizes every session without asking anyone; it is never recovered",
        })
        .default(["pp_stripe*"])
        .meta({
          title: "Payment providers",
          description:
            "Provider IDs to recover payments for; * matches any text (pp_stripe* is every Stripe method).",
          placeholder: "pp_stripe*",
        }),
      /** Leave sessions younger than this to the customer and the webhook. */
      min_age_minutes: z.number().min(0).default(10).meta({
        title: "Wait before the first check",
        description:
          "Leaves younger payments to the customer and the provider's webhook.",
        unit: "minutes",
      }),
      /** Give up on sessions older than this. */
      max_age_hours: z.number().positive().default(48).meta({
        title: "Give up after",
        description: "Payments older than this are no longer checked.",
        unit: "hours",
      }),
      /** Minutes between checks; the last step repeats. */
      cadence_minutes: z
        .array(z.number().positive())
        .min(1)
        .default([3, 15, 60, 360])
        .meta({
          title: "Time between checks",
          description:
            "Minutes between one check and the next; the last one repeats.",
          unit: "minutes",
        }),
      /** Per provider (glob pattern → minutes); wins over `cadence_presets`. */
      provider_cadence_minutes: z
        .record(
          z.string(),
          z.array(z.number().positive()).min(1).meta({
            title: "Minutes between checks",
            description: "The last one repeats.",
            unit: "minutes",
          })
        )
        .default({})
        .meta({
          title: "Time between checks per provider",
          description:
            "Overrides the times above and the presets for the providers named here.",
          key_title: "Provider ID",
        }),
      /**
       * Provider id (glob pattern) → cadence preset name (`ideal`, `card`,
       * `default` or one of `cadence_preset_definitions`); first match wins,
       * then the built-in `pp_stripe-ideal_*` → `ideal` (see
       * docs/payment-recovery.md).
       */
      cadence_presets: z
        .record(
          z.string().min(1),
          z.string().min(1).meta({
            title: "Preset",
            description: "ideal, card, default or a preset defined below.",
          })
        )
        .default({})
        .meta({
          title: "Check plan per provider",
          description:
            "Which preset of checks a provider follows; the first matching provider wins.",
          key_title: "Provider ID",
        }),
      /** Presets by name: new ones, or fields replacing a built-in's. */
      cadence_preset_definitions: z
        .record(
          z.string().min(1),
          z
            .strictObject({
              /** First check this many minutes after the session started. */
              first_minutes: z.number().min(0).optional().meta({
                title: "First check after",
                description: "Minutes after the payment started.",
                unit: "minutes",
              }),
              /** A check at the end of the expiration period (minutes after the start). */
              expiry_minutes: z.number().positive().optional().meta({
                title: "Check at expiry",
                description:
                  "A check when the payment method's time runs out (minutes after the start).",
                unit: "minutes",
              }),
              /** Minutes between the later checks; the last step repeats. */
              backoff_minutes: z
                .array(z.number().positive())
                .min(1)
                .optional()
                .meta({
                  title: "Later checks every",
                  description:
                    "Minutes between the later checks; the last repeats.",
                  unit: "minutes",
                }),
              /** The last check, then give up (hours after the start); else `max_age_hours`. */
              last_check_hours: z.number().positive().optional().meta({
                title: "Last check after",
                description:
                  "Then give up (hours after the start); empty uses Give up after.",
                unit: "hours",
              }),
            })
            .meta({
              title: "Preset",
              description: "Leave a field empty to keep the built-in value.",
            })
        )
        .default({})
        .meta({
          title: "Check plans",
          description: "New presets by name, or changes to a built-in one.",
          key_title: "Preset name",
        }),
      /** iDEAL's expiration period: the `ideal` preset checks at its end. */
      ideal_expiry_minutes: z.number().positive().default(30).meta({
        title: "iDEAL expiry",
        description:
          "How long an iDEAL payment stays open; checked at its end.",
        unit: "minutes",
      }),
      /** Provider errors in a row before a session needs attention. */
      max_errors: z.number().int().min(1).default(5).meta({
        title: "Errors before attention",
        description:
          "Provider errors in a row before a payment is listed as needing attention.",
      }),
      /** Warn about authorized, uncaptured payments older than this. */
      authorization_warning_days: z.number().positive().default(6).meta({
        title: "Warn about uncaptured payments after",
        description:
          "Authorized payments not captured this long are listed before they lapse.",
        unit: "days",
      }),
      /** How far back beyond that the watchdog looks (card authorizations have long lapsed by then). */
      authorization_lookback_days: z.number().positive().default(30).meta({
        title: "Look back for uncaptured payments",
        description:
          "Older authorizations have long lapsed and are not listed.",
        unit: "days",
      }),
      /** Sessions read per batch. */
      batch_size: z.number().int().min(1).max(1000).default(100).meta({
        title: "Batch size",
        description: "Payment sessions handled per batch.",
      }),
    }),
    readiness: (options) =>
      Array.isArray(options.providers) && options.providers.length
        ? []
        : [
            {
              path: "options.providers",
              message:
                "Name at least one payment provider to recover payments for",
            },
          ],
  },
  "shipment-tracking": {
    name: "shipment-tracking",
    title: "Shipment tracking",
    description:
      "Follows tracking numbers at the carriers and tells the customer once per status: shipped, out for delivery, delivered, problem.",
    // every 15 minutes
    defaultSchedule: "*/15 * * * *",
    defaultEnabled: true,
    optionsSchema: shipmentTrackingOptions(),
    readiness: shipmentTrackingReadiness,
  },
  "restock-alerts": {
    name: "restock-alerts",
    title: "Back-in-stock alerts",
    description:
      "Notifies shoppers who signed up for a sold-out variant when it is back, in waves sized to the stock.",
    // every 5 minutes
    defaultSchedule: "*/5 * * * *",
    defaultEnabled: true,
    optionsSchema: z.strictObject({
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
      product_url: z
        .string()
        .default("{storefrontUrl}/products/{handle}")
        .meta({
          title: "Product page link",
          description:
            "The product link in the alert; the storefront address and the product's handle are filled in.",
        }),
      /** Variants checked per batch. */
      batch_size: z.number().int().min(1).max(1000).default(100).meta({
        title: "Batch size",
        description: "Variants handled per batch.",
      }),
    }),
  },
  "cart-reminders": {
    name: "cart-reminders",
    title: "Abandoned cart reminders",
    description:
      "Sends a short sequence of reminders for carts left with items and an email, and stops as soon as the customer orders.",
    // every 15 minutes
    defaultSchedule: "*/15 * * * *",
    defaultEnabled: true,
    optionsSchema: z.strictObject({
      /**
       * When each reminder goes out (1–5 steps, ascending): minutes of
       * inactivity, or `{ after_minutes, discount }` for a step with a
       * single-use discount code (see `cart-reminder-steps.ts`).
       */
      steps: cartReminderStepsSchema,
      /** Carts inactive for longer than this are never reminded (e.g. old carts found by the backfill). */
      stop_after_hours: z.number().positive().default(168).meta({
        title: "Never remind carts older than",
        description: "Carts left longer ago than this get no reminder.",
        unit: "hours",
      }),
      /** `all`: every cart with an email; `marketing_opt_in`: only customers whose `consent_field` is true. */
      consent: z
        .enum(["all", "marketing_opt_in"])
        .default("all")
        .meta({
          title: "Who gets reminders",
          description:
            "Every cart with an email, or only customers who agreed to marketing.",
          labels: {
            all: "Every cart with an email",
            marketing_opt_in: "Only customers who agreed to marketing",
          },
        }),
      /** Path of the customer field that holds marketing consent. */
      consent_field: z
        .string()
        .min(1)
        .default("metadata.marketing_opt_in")
        .meta({
          title: "Marketing consent field",
          description:
            "The customer field that is true when they agreed to marketing.",
        }),
      /** How long the recovery link in a reminder works. */
      recovery_token_days: z.number().positive().default(14).meta({
        title: "Cart link works for",
        description: "How long the link back to the cart in a reminder works.",
        unit: "days",
      }),
      /** Carts read per batch. */
      batch_size: z.number().int().min(1).max(1000).default(100).meta({
        title: "Batch size",
        description: "Carts handled per batch.",
      }),
    }),
  },
  "cart-pruning": {
    name: "cart-pruning",
    title: "Cart pruning",
    description:
      "Deletes old carts with separate lifetimes for empty, anonymous and customer carts, keeping the lead first. Never a cart that holds money or became an order.",
    // daily at 03:30 UTC, outside most shops' busy hours
    defaultSchedule: "30 3 * * *",
    defaultEnabled: true,
    // the ceiling; the `time_budget_minutes` option sets the real budget
    timeBudgetMs: 60 * 60_000,
    optionsSchema: z.strictObject({
      /** How long a cart may sit untouched before it is pruned, per class. */
      lifetimes: z
        .strictObject({
          /** Carts without items. */
          empty_hours: z.number().positive().default(6).meta({
            title: "Empty carts",
            description: "Carts without items.",
            unit: "hours",
          }),
          /** Carts with items but no email and no customer. */
          anonymous_days: z.number().positive().default(30).meta({
            title: "Anonymous carts",
            description: "Carts with items but no email and no customer.",
            unit: "days",
          }),
          /** Carts with an email or a customer (archived as a lead first). */
          customer_days: z.number().positive().default(90).meta({
            title: "Carts with an email",
            description:
              "Carts with an email or a customer; kept as a lead before deletion.",
            unit: "days",
          }),
        })
        .default({ empty_hours: 6, anonymous_days: 30, customer_days: 90 })
        .meta({
          title: "Delete carts untouched for",
          description:
            "How long a cart may sit untouched before it is deleted.",
        }),
      /** Carts checked and deleted per batch (one workflow run each). */
      batch_size: z.number().int().min(1).max(5000).default(2000).meta({
        title: "Batch size",
        description: "Carts checked and deleted per batch.",
      }),
      /**
       * Batches deleted at the same time. Two keep both the database and
       * Node busy (one batch waits on the other's statements); more rarely
       * help on a small database server.
       */
      concurrency: z.number().int().min(1).max(8).default(2).meta({
        title: "Batches at once",
        description: "Two keep the database busy; more rarely help.",
      }),
      /**
       * Keep plain indexes on the cart tables' foreign keys, without which
       * every deleted cart scans the cart tables (see docs/abandoned-carts.md). Off for
       * shops that manage their own schema.
       */
      add_indexes: z.boolean().default(true).meta({
        title: "Add cart indexes",
        description:
          "Keeps the database indexes that make deleting carts fast; off if you manage your own schema.",
      }),
      /** A run stops starting new batches after this long; the next run goes on. */
      time_budget_minutes: z.number().positive().max(60).default(5).meta({
        title: "Time per run",
        description:
          "A run stops starting new batches after this; the next run goes on.",
        unit: "minutes",
      }),
      /** Also delete cart addresses no cart refers to (left by earlier deletions). */
      clean_orphan_addresses: z.boolean().default(true).meta({
        title: "Delete unused cart addresses",
        description: "Also delete cart addresses no cart uses any more.",
      }),
    }),
  },
  "inventory-reconciliation": {
    name: "inventory-reconciliation",
    title: "Inventory reconciliation",
    description:
      "Finds drift between reservations and inventory levels, orphaned reservations and negative stock, and fixes or reports them.",
    // hourly, at minute 17 to stay clear of the top of the hour
    defaultSchedule: "17 * * * *",
    defaultEnabled: true,
    optionsSchema: z.strictObject({
      /** Per finding type: `report` (show only) or `fix`. */
      modes: z
        .strictObject({
          reserved_drift: z
            .enum(["report", "fix"])
            .default("report")
            .meta({
              title: "Reserved quantity drift",
              description:
                "The reserved quantity differs from the reservations.",
              labels: { report: "Report only", fix: "Fix automatically" },
            }),
          orphaned_no_order: z
            .enum(["report", "fix"])
            .default("report")
            .meta({
              title: "Reservations without an order",
              description: "Reservations of carts that never became an order.",
              labels: { report: "Report only", fix: "Fix automatically" },
            }),
          orphaned_canceled_order: z
            .enum(["report", "fix"])
            .default("fix")
            .meta({
              title: "Reservations of canceled orders",
              description: "Reservations left behind by a canceled order.",
              labels: { report: "Report only", fix: "Fix automatically" },
            }),
          orphaned_fulfilled: z
            .enum(["report", "fix"])
            .default("report")
            .meta({
              title: "Reservations of fulfilled items",
              description: "Reservations left after the items were shipped.",
              labels: { report: "Report only", fix: "Fix automatically" },
            }),
        })
        .default({
          reserved_drift: "report",
          orphaned_no_order: "report",
          orphaned_canceled_order: "fix",
          orphaned_fulfilled: "report",
        })
        .meta({
          title: "What to do with each problem",
          description:
            "Report only shows the problem; fix corrects it on the next run.",
        }),
      /** Reservations of carts younger than this are a checkout in progress, not orphans. */
      orphan_grace_minutes: z.number().min(0).default(60).meta({
        title: "Ignore carts younger than",
        description:
          "Reservations of newer carts are a checkout in progress, not a problem.",
        unit: "minutes",
      }),
      /** Variants below this available quantity go into the low-stock digest; 0 turns it off. A variant's `metadata.autopilot_low_stock_threshold` overrides it. */
      low_stock_threshold: z.number().int().min(0).default(5).meta({
        title: "Low stock below",
        description:
          "Variants with less available go into the low-stock email; 0 turns it off.",
      }),
      /** Rows read per batch. */
      batch_size: z.number().int().min(1).max(5000).default(500).meta({
        title: "Batch size",
        description: "Rows read per batch.",
      }),
    }),
  },
  "stock-feed-sync": {
    name: "stock-feed-sync",
    title: "Stock feed sync",
    description:
      "Reads stock levels from an external feed (CSV or JSON over HTTP) and applies the differences, refusing when too much would change at once.",
    // hourly, at minute 40
    defaultSchedule: "40 * * * *",
    defaultEnabled: false,
    optionsSchema: z.strictObject({
      /** The feed's URL (http or https). */
      url: z
        .url({ protocol: /^https?$/ })
        .optional()
        .meta({
          title: "Feed URL",
          description:
            "Where the stock feed is downloaded from (http or https).",
          placeholder: "https://supplier.example/stock.csv",
          needed: true,
        }),
      /** `auto` reads the response's content type. */
      format: z
        .enum(["auto", "csv", "json"])
        .default("auto")
        .meta({
          title: "Format",
          description: "Automatic reads the format the server announces.",
          labels: { auto: "Automatic", csv: "CSV", json: "JSON" },
        }),
      auth: z
        .discriminatedUnion("type", [
          z.strictObject({ type: z.literal("none") }),
          z.strictObject({
            type: z.literal("basic"),
            username: z.string().meta({
              title: "Username",
              description: "The user name the feed's server asks for.",
            }),
            password: z.string().meta({
              title: "Password",
              description: "The password the feed's server asks for.",
              secret: true,
            }),
          }),
          z.strictObject({
            type: z.literal("bearer"),
            token: z.string().min(1).meta({
              title: "Token",
              description: "Sent as a bearer token with each download.",
              secret: true,
            }),
          }),
        ])
        .default({ type: "none" })
        .meta({
          title: "Sign-in",
          description: "How the shop signs in to the feed's server.",
          labels: {
            none: "None",
            basic: "Username and password",
            bearer: "Token",
          },
        }),
      /** Feed location code → stock location id. */
      location_map: z
        .record(
          z.string(),
          z.string().meta({
            title: "Stock location",
            description: "The shop's stock location for this code.",
            reference: "stock_location",
          })
        )
        .default({})
        .meta({
          title: "Feed locations",
          description:
            "Which stock location each location code in the feed stands for.",
          key_title: "Location code in the feed",
        }),
      /** Stock location for rows without a location. */
      default_location_id: z.string().optional().meta({
        title: "Default stock location",
        description: "Where the stock of feed rows without a location goes.",
        reference: "stock_location",
      }),
      /** Refuse to apply when more than this share of the feed's SKUs would change. */
      max_change_ratio: z.number().min(0).max(1).default(0.2).meta({
        title: "Refuse when more than this changes",
        description:
          "Share of the feed's SKUs that may change in one run; above it nothing is applied.",
        unit: "%",
        scale: 100,
      }),
      timeout_ms: z.number().int().min(100).default(10_000).meta({
        title: "Download time limit",
        description: "Give up on a feed that takes longer than this.",
        unit: "seconds",
        scale: 0.001,
      }),
      /** Refuse feeds with more rows than this. */
      max_rows: z.number().int().min(1).default(100_000).meta({
        title: "Refuse feeds longer than",
        description: "A feed with more rows than this is not applied.",
        unit: "rows",
      }),
    }),
    readiness: (options) => {
      const missing: ReadinessItem[] = []
      if (!options.url) {
        missing.push({ path: "options.url", message: "Add the feed URL" })
      }
      const map = options.location_map as Record<string, string> | undefined
      if (!options.default_location_id && !Object.keys(map ?? {}).length) {
        missing.push({
          path: "options.default_location_id",
          message:
            "Choose the stock location the feed's stock goes to (a default location or the feed's locations)",
        })
      }
      return missing
    },
  },
} satisfies Record<JobName, JobDefinition>

/** A job's options as validated (defaults filled in), inferred from its schema. */
export type JobOptions<N extends JobName> = z.output<
  (typeof JOB_CATALOG)[N]["optionsSchema"]
>

/** A job's catalog entry, typed as the common definition. */
export function jobDefinition(name: JobName): JobDefinition {
  return JOB_CATALOG[name]
}

/** Whether a job has every setting it needs, given its options. */
export function jobReadiness(
  name: JobName,
  options: Record<string, unknown>
): JobReadiness {
  const definition: JobDefinition = JOB_CATALOG[name]
  const missing = definition.readiness?.(options) ?? []
  return { ready: missing.length === 0, missing }
}

export function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name)
}
