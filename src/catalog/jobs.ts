import { isIP } from "node:net"
import { z } from "@medusajs/framework/zod"
import type { JobSchedule } from "./schedule"
import { shipmentTrackingOptions } from "./shipment-tracking-options"

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
        .default(["pp_stripe*"]),
      /** Leave sessions younger than this to the customer and the webhook. */
      min_age_minutes: z.number().min(0).default(10),
      /** Give up on sessions older than this. */
      max_age_hours: z.number().positive().default(48),
      /** Minutes between checks; the last step repeats. */
      cadence_minutes: z
        .array(z.number().positive())
        .min(1)
        .default([3, 15, 60, 360]),
      /** Per provider (glob pattern → minutes); wins over `cadence_presets`. */
      provider_cadence_minutes: z
        .record(z.string(), z.array(z.number().positive()).min(1))
        .default({}),
      /**
       * Provider id (glob pattern) → cadence preset name (`ideal`, `card`,
       * `default` or one of `cadence_preset_definitions`); first match wins,
       * then the built-in `pp_stripe-ideal_*` → `ideal` (see
       * docs/payment-recovery.md).
       */
      cadence_presets: z
        .record(z.string().min(1), z.string().min(1))
        .default({}),
      /** Presets by name: new ones, or fields replacing a built-in's. */
      cadence_preset_definitions: z
        .record(
          z.string().min(1),
          z.strictObject({
            /** First check this many minutes after the session started. */
            first_minutes: z.number().min(0).optional(),
            /** A check at the end of the expiration period (minutes after the start). */
            expiry_minutes: z.number().positive().optional(),
            /** Minutes between the later checks; the last step repeats. */
            backoff_minutes: z.array(z.number().positive()).min(1).optional(),
            /** The last check, then give up (hours after the start); else `max_age_hours`. */
            last_check_hours: z.number().positive().optional(),
          })
        )
        .default({}),
      /** iDEAL's expiration period: the `ideal` preset checks at its end. */
      ideal_expiry_minutes: z.number().positive().default(30),
      /** Provider errors in a row before a session needs attention. */
      max_errors: z.number().int().min(1).default(5),
      /** Warn about authorized, uncaptured payments older than this. */
      authorization_warning_days: z.number().positive().default(6),
      /** How far back beyond that the watchdog looks (card authorizations have long lapsed by then). */
      authorization_lookback_days: z.number().positive().default(30),
      /** Sessions read per batch. */
      batch_size: z.number().int().min(1).max(1000).default(100),
    }),
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
      double_opt_in: z.boolean().default(false),
      /** Signup always answers 202 alike, never telling whether an address was already subscribed (instead of 201/200). */
      private_signup_response: z.boolean().default(false),
      /** A wave alerts at most ceil(available × wave_factor) of the oldest waiting shoppers. */
      wave_factor: z.number().positive().default(3),
      /** Waiting subscriptions expire after this many days. */
      expire_after_days: z.number().positive().default(90),
      /** An order with the variant by the alerted email within this many days counts as a conversion. */
      conversion_days: z.number().positive().default(7),
      /** Every variant with waiting shoppers is checked at least this often, whatever the events said. */
      sweep_hours: z.number().positive().default(24),
      /**
       * Signup requests per client address per window (across instances),
       * counting every request. The address is the socket's, or what
       * `client_ip` and the storefront header make of it.
       */
      ip_limit: z
        .strictObject({
          max: z.number().int().min(1).default(60),
          window_minutes: z.number().positive().default(10),
        })
        .default({ max: 60, window_minutes: 10 }),
      /** New subscriptions per email (or logged-in customer) per window; repeats and refused signups do not count. */
      email_limit: z
        .strictObject({
          max: z.number().int().min(1).default(20),
          window_minutes: z.number().positive().default(60),
        })
        .default({ max: 20, window_minutes: 60 }),
      /** Confirmation messages (double opt-in) per recipient per window; over it the signup answers 429. */
      confirmation_limit: z
        .strictObject({
          max: z.number().int().min(1).default(5),
          window_minutes: z.number().positive().default(1440),
        })
        .default({ max: 5, window_minutes: 1440 }),
      /** Signup requests for the whole shop per window: the last line. */
      shop_limit: z
        .strictObject({
          max: z.number().int().min(1).default(600),
          window_minutes: z.number().positive().default(1),
        })
        .default({ max: 600, window_minutes: 1 }),
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
            .default([]),
          trusted_hops: z.number().int().min(0).max(10).default(0),
        })
        .default({ trusted_proxies: [], trusted_hops: 0 }),
      /**
       * A server-rendered storefront: `secret`, sent by it as
       * `x-autopilot-storefront-secret`, makes the shopper's address in
       * `x-autopilot-client-ip` count instead of the storefront's own
       * (masked in the admin like every `secret`).
       */
      storefront: z
        .strictObject({
          secret: z.string().min(24).max(512).nullable().default(null),
        })
        .default({ secret: null }),
      /** Product page link in the alert; `{handle}` is replaced. */
      product_url: z.string().default("{storefrontUrl}/products/{handle}"),
      /** Variants checked per batch. */
      batch_size: z.number().int().min(1).max(1000).default(100),
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
      /** Minutes of inactivity before each step of the sequence (1–5 steps, ascending). */
      steps: z
        .array(z.number().positive())
        .min(1)
        .max(5)
        .refine((s) => s.every((m, i) => i === 0 || m > s[i - 1]), {
          message: "steps must be in ascending order",
        })
        .default([60, 1440, 4320]),
      /** Carts inactive for longer than this are never reminded (e.g. old carts found by the backfill). */
      stop_after_hours: z.number().positive().default(168),
      /** `all`: every cart with an email; `marketing_opt_in`: only customers whose `consent_field` is true. */
      consent: z.enum(["all", "marketing_opt_in"]).default("all"),
      /** Path of the customer field that holds marketing consent. */
      consent_field: z.string().min(1).default("metadata.marketing_opt_in"),
      /** How long the recovery link in a reminder works. */
      recovery_token_days: z.number().positive().default(14),
      /** Carts read per batch. */
      batch_size: z.number().int().min(1).max(1000).default(100),
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
          empty_hours: z.number().positive().default(6),
          /** Carts with items but no email and no customer. */
          anonymous_days: z.number().positive().default(30),
          /** Carts with an email or a customer (archived as a lead first). */
          customer_days: z.number().positive().default(90),
        })
        .default({ empty_hours: 6, anonymous_days: 30, customer_days: 90 }),
      /** Carts checked and deleted per batch (one workflow run each). */
      batch_size: z.number().int().min(1).max(5000).default(2000),
      /**
       * Batches deleted at the same time. Two keep both the database and
       * Node busy (one batch waits on the other's statements); more rarely
       * help on a small database server.
       */
      concurrency: z.number().int().min(1).max(8).default(2),
      /**
       * Keep plain indexes on the cart tables' foreign keys, without which
       * every deleted cart scans the cart tables (see docs/abandoned-carts.md). Off for
       * shops that manage their own schema.
       */
      add_indexes: z.boolean().default(true),
      /** A run stops starting new batches after this long; the next run goes on. */
      time_budget_minutes: z.number().positive().max(60).default(5),
      /** Also delete cart addresses no cart refers to (left by earlier deletions). */
      clean_orphan_addresses: z.boolean().default(true),
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
          reserved_drift: z.enum(["report", "fix"]).default("report"),
          orphaned_no_order: z.enum(["report", "fix"]).default("report"),
          orphaned_canceled_order: z.enum(["report", "fix"]).default("fix"),
          orphaned_fulfilled: z.enum(["report", "fix"]).default("report"),
        })
        .default({
          reserved_drift: "report",
          orphaned_no_order: "report",
          orphaned_canceled_order: "fix",
          orphaned_fulfilled: "report",
        }),
      /** Reservations of carts younger than this are a checkout in progress, not orphans. */
      orphan_grace_minutes: z.number().min(0).default(60),
      /** Variants below this available quantity go into the low-stock digest; 0 turns it off. A variant's `metadata.autopilot_low_stock_threshold` overrides it. */
      low_stock_threshold: z.number().int().min(0).default(5),
      /** Rows read per batch. */
      batch_size: z.number().int().min(1).max(5000).default(500),
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
      url: z.url({ protocol: /^https?$/ }).optional(),
      /** `auto` reads the response's content type. */
      format: z.enum(["auto", "csv", "json"]).default("auto"),
      auth: z
        .discriminatedUnion("type", [
          z.strictObject({ type: z.literal("none") }),
          z.strictObject({
            type: z.literal("basic"),
            username: z.string(),
            password: z.string(),
          }),
          z.strictObject({
            type: z.literal("bearer"),
            token: z.string().min(1),
          }),
        ])
        .default({ type: "none" }),
      /** Feed location code → stock location id. */
      location_map: z.record(z.string(), z.string()).default({}),
      /** Stock location for rows without a location. */
      default_location_id: z.string().optional(),
      /** Refuse to apply when more than this share of the feed's SKUs would change. */
      max_change_ratio: z.number().min(0).max(1).default(0.2),
      timeout_ms: z.number().int().min(100).default(10_000),
      /** Refuse feeds with more rows than this. */
      max_rows: z.number().int().min(1).default(100_000),
    }),
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

export function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name)
}
