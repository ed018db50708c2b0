import type { MedusaContainer } from "@medusajs/framework/types"
import type { RetentionOptions } from "../../../modules/autopilot/options"

/** The person a data request is about: a normalised (trimmed, lower-cased) email. */
export type PrivacySubject = { email: string }

/** Rows touched per table, e.g. `{ autopilot_restock_subscription: 2 }`. */
export type TableCounts = Record<string, number>

export type RetentionContext = {
  container: MedusaContainer
  now: Date
  retention: RetentionOptions
  dryRun: boolean
  /** Rows deleted per statement. */
  batchSize: number
  /** Milliseconds left to start new batches in. */
  timeLeft(): number
  /** Records one row deleted (or, on a dry run, that would be). */
  deleted(table: string, id: string): void
}

/**
 * One domain's share of the plugin's personal data (restock, carts,
 * payment recovery…). Export, erasure and retention walk the registry in
 * `./index.ts`, so a new domain is one file here plus one line there.
 */
export interface PrivacyContributor {
  /** The section name in an export, e.g. `restock`. */
  domain: string
  /** Everything the domain holds about the person, per table. */
  collect(
    container: MedusaContainer,
    subject: PrivacySubject
  ): Promise<Record<string, unknown[]>>
  /**
   * Erases or anonymises it; returns rows touched per table. Must be safe
   * to run again (a second run finds nothing).
   */
  erase(
    container: MedusaContainer,
    subject: PrivacySubject
  ): Promise<TableCounts>
  /** Deletes the domain's rows past their retention, in batches. */
  retain?(ctx: RetentionContext): Promise<void>
}
