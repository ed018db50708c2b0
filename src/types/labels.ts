/**
 * How the admin API names the things a row refers to, as the Medusa admin
 * does: a product and variant title or SKU, a location name, an order's
 * display id, a customer's or user's email, an API key's title. Routes add
 * these next to the raw ids, which stay for machines.
 */

/** One thing named for a merchant, and where the Medusa admin shows it. */
export type EntityLabel = {
  id: string
  /** "Medusa T-Shirt · L", "European Warehouse", "#1001", "jane@example.com" */
  label: string
  /**
   * The Medusa admin's page for it, as a dashboard route (`/orders/order_01…`,
   * below the admin's base path, `/app` by default); null when it has none.
   */
  href: string | null
}

/** Names of a row's id fields, keyed by the field (`order_id`, `location_id`). */
export type FieldLabels = Partial<Record<string, EntityLabel>>

/**
 * One sentence of what a run did, or on a dry run would have done:
 * "Would fix 1 reserved-quantity drift", with up to a few of the things it
 * named and how many more there were.
 */
export type RunLine = {
  /** The action as the job records it (`would-fix:reserved_drift`). */
  action: string
  count: number
  text: string
  items: EntityLabel[]
  more: number
}

/** A run told in the merchant's words. */
export type RunDescription = {
  /** "Scheduled", "Catch-up of a missed slot", "Run by jane@example.com" */
  trigger: string
  /** The user or API key that started it. */
  actor: EntityLabel | null
  /** "Would change 2", "Changed 1 item", "Nothing to change" */
  outcome: string
  lines: RunLine[]
  /** The run's notes with the ids in them replaced by names. */
  notes?: string[]
  failures: { item: EntityLabel; reason: string }[]
  /** Where it ran (host:pid), for support. */
  technical: string | null
}
