// Shapes of the plugin's admin API (src/api/admin/autopilot), as the
// dashboard receives them (dates are ISO strings).

export type Schedule = string | { cron: string } | { interval: number }

export type RunCounters = {
  scanned: number
  changed: number
  skipped: number
  failed: number
}

export type Run = {
  id: string
  job_name: string
  trigger: "schedule" | "catch_up" | "manual" | "api"
  actor: string | null
  dry_run: boolean
  status: "queued" | "running" | "succeeded" | "failed" | "canceled"
  scheduled_for: string | null
  created_at: string
  started_at: string | null
  finished_at: string | null
  duration_ms: number | null
  heartbeat_at: string | null
  instance: string | null
  progress: { done: number; total: number | null }
  counters: RunCounters
  error: string | null
  failures: { items: { item_id: string; reason: string }[]; omitted: number }
  summary: {
    actions?: Record<string, { count: number; sample: string[] }>
    stopped_early?: boolean
    unserved_channel?: string
    notes?: string[]
  } | null
}

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

export type Job = {
  name: string
  title: string
  description: string
  enabled: boolean
  paused_until: string | null
  paused_reason: string | null
  schedule: Schedule
  default_schedule: Schedule
  next_run_at: string | null
  last_run: Run | null
  current_run: Run | null
  last_success_at: string | null
  last_failure_at: string | null
  consecutive_failures: number
  auto_paused_at: string | null
  items: { failing: number; given_up: number }
  stale: boolean
  options: Record<string, unknown>
  options_schema: JsonSchema
  source: "options" | "admin"
  updated_by: string | null
  updated_at: string
}

export type NotificationStatus = {
  channel: string
  providers: string[]
  served: boolean
}

export type PaymentRecovery = {
  id: string
  payment_session_id: string
  cart_id: string
  order_id: string | null
  kind: "cart" | "order"
  provider_id: string
  amount: number
  currency_code: string
  email: string | null
  status: "pending" | "recovered" | "abandoned" | "needs_attention"
  resolution: string | null
  reason: string | null
  provider_reference: string | null
  attempts: number
  next_check_at: string | null
  last_checked_at: string | null
  recovered_at: string | null
  refunded: boolean
  created_at: string
}

export type ItemRetry = {
  id: string
  item_id: string
  status: "failing" | "given_up"
  attempts: number
  last_error: string | null
  first_failed_at: string
  last_failed_at: string
  next_attempt_at: string | null
}

export type InventoryFinding = {
  id: string
  type:
    | "reserved_drift"
    | "orphaned_reservation"
    | "negative_stock"
    | "overreserved"
    | "unused_location_stock"
  mode: "report" | "fix"
  status: "open" | "fixed" | "resolved"
  inventory_item_id: string | null
  location_id: string | null
  reservation_id: string | null
  order_id: string | null
  details: {
    description?: string
    reason?: string
    before?: Record<string, unknown>
    after?: Record<string, unknown>
  }
  first_seen_at: string
  last_seen_at: string
  fixed_at: string | null
  fix_error: string | null
}

export type RestockWaveSummary = {
  at: string
  size: number
  sent: number
  /** Available quantity when the wave started (null: not inventory-managed). */
  available: number | null
}

/** One row of `GET /admin/autopilot/restock-demand`: shoppers waiting for a variant. */
export type RestockDemand = {
  variant_id: string
  product_id: string | null
  product_title: string | null
  variant_title: string | null
  sku: string | null
  waiting: number
  waiting_since: string
  last_wave: RestockWaveSummary | null
}

export type CartLead = {
  id: string
  cart_id: string
  email: string | null
  customer_id: string | null
  currency_code: string | null
  status: "open" | "recovered" | "archived"
  items: { title?: string; variant_title?: string; quantity?: number }[] | null
  total: number | string | null
  reminders_sent: number
  last_active_at: string | null
  recovered_order_id: string | null
  recovered_total: number | string | null
  recovered_at: string | null
  archived_at: string | null
  created_at: string
}
