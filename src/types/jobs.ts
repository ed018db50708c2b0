import type { JobForm, JobReadiness } from "./forms"
import type { ListPage, Timestamp } from "./common"
import type { EntityLabel, RunDescription } from "./labels"

/** How a run was started: by its schedule, a missed slot, the admin or an API key. */
export const RUN_TRIGGERS = ["schedule", "catch_up", "manual", "api"] as const
export type RunTrigger = (typeof RUN_TRIGGERS)[number]

export const RUN_STATUSES = [
  "queued",
  "running",
  "succeeded",
  "failed",
  "canceled",
] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

/** `options`: the setting mirrors plugin options; `admin`: changed in the admin. */
export const JOB_SETTING_SOURCES = ["options", "admin"] as const
export type JobSettingSource = (typeof JOB_SETTING_SOURCES)[number]

/** An item a job failed on: still retried, or given up. */
export const ITEM_RETRY_STATUSES = ["failing", "given_up"] as const
export type ItemRetryStatus = (typeof ITEM_RETRY_STATUSES)[number]

/** A cron string, `{ cron }` or `{ interval }` in milliseconds. */
export type Schedule = string | { cron: string } | { interval: number }

export type RunCounters = {
  scanned: number
  changed: number
  skipped: number
  failed: number
}

/** Up to 50 failed items of a run, and how many more failed. */
export type RunFailures = {
  items: { item_id: string; reason: string }[]
  omitted: number
}

/** What a run did (or, on a dry run, would have done), as the admin shows it. */
export type RunSummaryView = {
  actions?: Record<string, { count: number; sample: string[] }>
  stopped_early?: boolean
  unserved_channel?: string
  notes?: string[]
}

/** A run as the admin API returns it. */
export type RunView<D extends Timestamp = string> = {
  id: string
  job_name: string
  trigger: RunTrigger
  actor: string | null
  dry_run: boolean
  status: RunStatus
  scheduled_for: D | null
  created_at: D
  started_at: D | null
  finished_at: D | null
  duration_ms: number | null
  heartbeat_at: D | null
  instance: string | null
  progress: { done: number; total: number | null }
  counters: RunCounters
  error: string | null
  failures: RunFailures
  summary: RunSummaryView | null
  /** The run in the merchant's words: names, not ids (admin routes add it). */
  description?: RunDescription
}

/** The JSON Schema of a job's options, as far as the admin's form reads it. */
export type JsonSchema = {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  enum?: unknown[]
  items?: JsonSchema
  default?: unknown
  description?: string
  minimum?: number
  maximum?: number
}

/** A job with its setting, schedule, last run and health. */
export type JobView<D extends Timestamp = string> = {
  name: string
  title: string
  description: string
  enabled: boolean
  paused_until: D | null
  paused_reason: string | null
  schedule: Schedule
  default_schedule: Schedule
  next_run_at: D | null
  last_run: RunView<D> | null
  current_run: RunView<D> | null
  last_success_at: D | null
  last_failure_at: D | null
  consecutive_failures: number
  auto_paused_at: D | null
  items: { failing: number; given_up: number }
  stale: boolean
  /** Credentials masked. */
  options: Record<string, unknown>
  options_schema: JsonSchema
  /** The settings form, described from the option schema. */
  form: JobForm
  /** Whether every required setting is there; what is missing if not. */
  readiness: JobReadiness
  source: JobSettingSource
  updated_by: string | null
  updated_at: D
}

/** Whether a notification provider serves the channel the plugin sends on. */
export type NotificationStatus = {
  channel: string
  providers: string[]
  served: boolean
}

/** One change of a job's setting: `{ field: { from, to } }`, secrets masked. */
export type JobSettingChangeView<D extends Timestamp = string> = {
  id: string
  actor: string | null
  changes: Record<string, unknown>
  created_at: D
}

/** A failing or given-up item of a job. */
export type ItemRetry<D extends Timestamp = string> = {
  id: string
  job_name: string
  item_id: string
  status: ItemRetryStatus
  attempts: number
  last_error: string | null
  first_failed_at: D
  last_failed_at: D
  next_attempt_at: D | null
  last_run_id: string | null
  /** What `item_id` names, for the admin. */
  label?: EntityLabel
}

/** `GET /admin/autopilot/jobs` */
export type JobListResponse<D extends Timestamp = string> = {
  jobs: JobView<D>[]
  notification: NotificationStatus
}

/** `GET` and `POST /admin/autopilot/jobs/:name` */
export type JobResponse<D extends Timestamp = string> = { job: JobView<D> }

/** `POST /admin/autopilot/jobs/:name/run` (202) and `GET /admin/autopilot/runs/:id` */
export type RunResponse<D extends Timestamp = string> = { run: RunView<D> }

/**
 * What `POST /admin/autopilot/runs/:id/cancel` did: a queued run was
 * canceled at once, or a running one was asked to stop at its next batch.
 */
export const RUN_CANCEL_OUTCOMES = ["canceled", "stopping"] as const
export type RunCancelOutcome = (typeof RUN_CANCEL_OUTCOMES)[number]

/** `POST /admin/autopilot/runs/:id/cancel` */
export type CancelRunResponse<D extends Timestamp = string> = {
  outcome: RunCancelOutcome
  run: RunView<D>
}

/** `GET /admin/autopilot/jobs/:name/runs` */
export type RunListResponse<D extends Timestamp = string> = ListPage & {
  runs: RunView<D>[]
}

/** `GET /admin/autopilot/jobs/:name/changes` */
export type JobSettingChangeListResponse<D extends Timestamp = string> =
  ListPage & { changes: JobSettingChangeView<D>[] }

/** `GET /admin/autopilot/jobs/:name/items` */
export type ItemRetryListResponse<D extends Timestamp = string> = ListPage & {
  items: ItemRetry<D>[]
}

/** `POST /admin/autopilot/jobs/:name/items/retry` */
export type RetryJobItemsResponse = { retried: number }
