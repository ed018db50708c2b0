import { z } from "@medusajs/framework/zod"
import type { JobReadiness, ReadinessItem } from "../types/forms"
import { cartReminderStepsSchema } from "./cart-reminder-steps"
import { paymentRecoveryOptions } from "./payment-recovery-options"
import { restockAlertsOptions } from "./restock-alerts-options"
import { stockFeedSyncOptions } from "./stock-feed-sync-options"
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
    optionsSchema: paymentRecoveryOptions(),
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
    optionsSchema: restockAlertsOptions(),
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
    optionsSchema: stockFeedSyncOptions(),
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
