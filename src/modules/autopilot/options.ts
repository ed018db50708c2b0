import { z } from "@medusajs/framework/zod"
import {
  JOB_CATALOG,
  JOB_NAMES,
  type JobDefinition,
  type JobName,
} from "../../catalog/jobs"
import {
  MERCHANT_ALERT_NAMES,
  NOTIFICATION_NAMES,
  type NotificationName,
} from "../../catalog/notifications"
import { type JobSchedule, scheduleSchema } from "../../catalog/schedule"
import {
  brandingOptionSchema,
  messageLocaleSchema,
  messageOverridesSchema,
} from "../../messages/schema"

/** How a failed item is retried in later runs. */
export const retryPolicySchema = z.strictObject({
  /** Attempts in all, the first failure included, before the item is given up. */
  max_attempts: z.number().int().min(1).max(100).default(5),
  /** Delay before the first retry; each further retry waits twice as long. */
  first_delay_minutes: z.number().positive().default(5),
  /** The longest wait between two attempts. */
  max_delay_minutes: z.number().positive().default(360),
})
export type RetryPolicy = z.output<typeof retryPolicySchema>

/**
 * How long the plugin keeps personal data it no longer needs; enforced by
 * `enforceRetention` (see src/features/cart-pruning/retention.ts).
 */
export const retentionSchema = z.strictObject({
  /** Cart leads (and the cart activity behind them), counted from their last activity. */
  leads_days: z.number().int().min(1).max(36_500).default(365),
  /** Finished restock subscriptions (notified, unsubscribed, expired), from when they finished. */
  subscriptions_days: z.number().int().min(1).max(36_500).default(180),
})
export type RetentionOptions = z.output<typeof retentionSchema>

function jobEntrySchema(name: JobName) {
  return z.strictObject({
    enabled: z.boolean().optional(),
    schedule: scheduleSchema.optional(),
    options: JOB_CATALOG[name].optionsSchema.optional(),
    /** After a downtime, run a missed slot once at start-up (trigger `catch_up`). */
    catch_up: z.boolean().optional(),
    retries: retryPolicySchema.partial().optional(),
    /** Failed runs in a row before the job switches itself off; 0 never. */
    pause_after_failures: z.number().int().min(0).optional(),
    /** Tell the merchant once when the job has not succeeded for 2× its interval. */
    stale_alert: z.boolean().optional(),
  })
}

const JOB_ENTRY_KEYS =
  "enabled, schedule, options, catch_up, retries, pause_after_failures, stale_alert"

const jobsShape = Object.fromEntries(
  JOB_NAMES.map((name) => [name, jobEntrySchema(name).optional()])
) as Record<JobName, z.ZodOptional<ReturnType<typeof jobEntrySchema>>>

const templatesShape = Object.fromEntries(
  NOTIFICATION_NAMES.map((name) => [name, z.string().min(1).optional()])
) as Record<NotificationName, z.ZodOptional<z.ZodString>>

/** "08:00": hours 00–23, minutes 00–59. */
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/**
 * The plugin options, as a merchant writes them in `medusa-config.ts`:
 * `plugins: [{ resolve: "medusa-plugin-autopilot", options }]`.
 * Unknown keys are errors everywhere: a typo must stop start-up rather than be
 * ignored.
 */
export const autopilotOptionsSchema = z.strictObject({
  /** Base URL of the storefront, for links in messages (cart recovery, unsubscribe). */
  storefrontUrl: z
    .url({ protocol: /^https?$/, message: "expected an http(s) URL" })
    .default("http://localhost:8000"),
  /** Notification channel every message is sent on; a provider must serve it. */
  notificationChannel: z.string().min(1).default("email"),
  /**
   * Messages handed to Medusa's Notification module per call. The module
   * calls the provider for a whole batch at once, so this is also how many
   * sends are in flight together; lower it for a provider with a tight
   * rate limit.
   */
  notificationBatchSize: z.number().int().min(1).max(1000).default(100),
  /** Where merchant alerts go (payment needing attention, job paused, …); unset: shown in the admin only. */
  merchantEmail: z.email({ message: "expected an email address" }).optional(),
  /**
   * Merchant alerts also posted to these URLs as Slack-compatible JSON
   * (`{ text, alert, data }`): each with the alerts it wants (all when
   * `alerts` is left out). Independent of `merchantEmail`.
   */
  merchantWebhooks: z
    .array(
      z.strictObject({
        url: z.url({
          protocol: /^https?$/,
          message: "expected an http(s) URL",
        }),
        alerts: z.array(z.enum(MERCHANT_ALERT_NAMES)).min(1).optional(),
      })
    )
    .max(10)
    .default([]),
  /**
   * When marketing messages (cart reminders, back-in-stock alerts) may go
   * out, in the shop's time zone: a due one waits for the window.
   * Transactional messages are exempt. Unset: any time.
   */
  contactWindow: z
    .strictObject({
      start: z.string().regex(HHMM, "expected a time as HH:MM, e.g. 08:00"),
      end: z.string().regex(HHMM, "expected a time as HH:MM, e.g. 20:00"),
      time_zone: z.string().refine(isTimeZone, {
        message: "expected an IANA time zone, e.g. Europe/Amsterdam",
      }),
    })
    .refine((w) => w.start !== w.end, {
      message: "start and end must differ",
    })
    .optional(),
  /**
   * At most `max` marketing messages per address per `per_hours`, across
   * the plugin's flows; a due one waits. Unset: no cap.
   */
  marketingCap: z
    .strictObject({
      max: z.number().int().min(1).max(100),
      per_hours: z
        .number()
        .positive()
        .max(24 * 90),
    })
    .optional(),
  /** Notification name → the provider's template id. Defaults to the name itself. */
  templates: z.strictObject(templatesShape).default({}),
  /** The shop's look in the plugin's ready messages; the admin can change it. */
  branding: brandingOptionSchema.default({}),
  /** The language of messages when the shopper gave none the plugin has (en, de, nl, fr, es). */
  defaultLocale: messageLocaleSchema.default("en"),
  /** Per locale, per message (or `common`), per string key: the shop's own text. */
  messages: messageOverridesSchema.default({}),
  /** Per job: `enabled`, `schedule` (cron or `{ interval: ms }`) and `options`. */
  jobs: z.strictObject(jobsShape).default({}),
  /**
   * Runs kept per job in the history; older ones are deleted after each run.
   * The last success and the last failure of each job are always kept.
   */
  runHistoryLimit: z.number().int().min(1).max(100_000).default(200),
  /** Days personal data is kept once it is no longer needed. */
  retention: retentionSchema.default({
    leads_days: 365,
    subscriptions_days: 180,
  }),
})

export type AutopilotPluginOptions = z.input<typeof autopilotOptionsSchema>

export type ResolvedJobConfig = {
  enabled: boolean
  schedule: JobSchedule
  options: Record<string, unknown>
  catch_up: boolean
  retries: RetryPolicy
  pause_after_failures: number
  stale_alert: boolean
}

/** Options after validation, with every default filled in. */
export type AutopilotOptions = Omit<
  z.output<typeof autopilotOptionsSchema>,
  "jobs" | "templates"
> & {
  templates: Record<NotificationName, string>
  jobs: Record<JobName, ResolvedJobConfig>
}

export class AutopilotOptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(
      [
        "medusa-plugin-autopilot: invalid plugin options in medusa-config.ts:",
        ...problems.map((p) => `  - ${p}`),
      ].join("\n")
    )
    this.name = "AutopilotOptionsError"
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join(".")
  const where = path ? `"${path}"` : "(options)"
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => `"${k}"`).join(", ")
    const allowed = allowedKeysAt(issue.path)
    return `${where}: unknown key ${keys}${allowed ? `; expected one of ${allowed}` : ""}`
  }
  return `${where}: ${issue.message}`
}

function allowedKeysAt(path: PropertyKey[]): string | undefined {
  const top = Object.keys(autopilotOptionsSchema.shape)
  if (path.length === 0) {
    return top.join(", ")
  }
  if (path.length === 1 && path[0] === "jobs") {
    return JOB_NAMES.join(", ")
  }
  if (path.length === 1 && path[0] === "templates") {
    return NOTIFICATION_NAMES.join(", ")
  }
  if (path.length === 2 && path[0] === "jobs") {
    return JOB_ENTRY_KEYS
  }
  if (path.length === 1 && path[0] === "branding") {
    return Object.keys(brandingOptionSchema.shape).join(", ")
  }
  if (path.length === 1 && path[0] === "retention") {
    return Object.keys(retentionSchema.shape).join(", ")
  }
  return undefined
}

/**
 * Medusa adds `database` (the shared connection settings) to the options of
 * every internal module, and a shop may set it to give the module its own
 * connection; it is Medusa's, not ours, so it is left out of validation. A
 * bare `plugins` entry gives no options at all.
 */
function withoutMedusaKeys(raw: unknown): unknown {
  if (raw === undefined || raw === null) {
    return {}
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return raw
  }
  const { database: _database, ...rest } = raw as Record<string, unknown>
  return rest
}

/**
 * Validates raw plugin options and fills in defaults. Throws
 * {@link AutopilotOptionsError} naming every wrong option path and what is
 * expected there.
 */
export function parseAutopilotOptions(raw: unknown): AutopilotOptions {
  const result = autopilotOptionsSchema.safeParse(withoutMedusaKeys(raw))
  if (!result.success) {
    throw new AutopilotOptionsError(result.error.issues.map(describeIssue))
  }
  const parsed = result.data

  const templates = Object.fromEntries(
    NOTIFICATION_NAMES.map((name) => [name, parsed.templates[name] ?? name])
  ) as Record<NotificationName, string>

  const jobs = Object.fromEntries(
    JOB_NAMES.map((name) => {
      const definition: JobDefinition = JOB_CATALOG[name]
      const entry = parsed.jobs[name]
      // Parse even when absent so each job's option defaults are filled in.
      const options = definition.optionsSchema.parse(entry?.options ?? {})
      return [
        name,
        {
          enabled: entry?.enabled ?? definition.defaultEnabled,
          schedule: entry?.schedule ?? definition.defaultSchedule,
          options,
          catch_up: entry?.catch_up ?? true,
          retries: retryPolicySchema.parse(entry?.retries ?? {}),
          pause_after_failures: entry?.pause_after_failures ?? 5,
          stale_alert: entry?.stale_alert ?? true,
        },
      ]
    })
  ) as Record<JobName, ResolvedJobConfig>

  return { ...parsed, templates, jobs }
}
