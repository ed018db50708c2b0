import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * Medusa v2 ids are `<prefix>_<ULID>`, and a ULID starts with its creation
 * time (milliseconds, 10 Crockford base32 characters), so ids sort by
 * creation time. A range of ids by time lets a job read "rows created
 * between A and B" through the primary key of a table that has no index on
 * `created_at` (`payment_session`, `payment`): without it every run would scan
 * the whole table (measured by `bench/idle-cost.ts`).
 *
 * Rows whose id is not `<prefix>_<ULID>` (imported data) are outside any such
 * range; callers fall back to a plain `created_at` filter when the newest id
 * of the table does not have that shape.
 */

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const ULID_ID = /^([a-z0-9]+)_[0-9A-HJKMNP-TV-Z]{26}$/
/** Ids come from the servers' clocks, `created_at` from the database's. */
const CLOCK_MARGIN_MS = 60 * 60_000

/** The 10-character time part of a ULID for `ms`. */
export function ulidTime(ms: number): string {
  let rest = Math.max(0, Math.floor(ms))
  let out = ""
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[rest % 32] + out
    rest = Math.floor(rest / 32)
  }
  return out
}

export type IdRange = { $gte: string; $lte: string }

/**
 * The ids of rows created between `from` and `to` (widened by an hour on
 * each side), for ids with the prefix of `sampleId`; `null` when `sampleId`
 * is not a prefixed ULID.
 */
export function idRangeBetween(
  sampleId: string,
  from: Date,
  to: Date
): IdRange | null {
  const prefix = ULID_ID.exec(sampleId)?.[1]
  if (!prefix) return null
  return {
    // Full-length bounds of ULID characters only: they compare the same way
    // under the database's collation as in the index (no punctuation).
    $gte: `${prefix}_${ulidTime(from.getTime() - CLOCK_MARGIN_MS)}${"0".repeat(16)}`,
    $lte: `${prefix}_${ulidTime(to.getTime() + CLOCK_MARGIN_MS)}${"Z".repeat(16)}`,
  }
}

/** The newest id of an entity (a primary-key lookup), or null for an empty table. */
export async function newestId(
  container: MedusaContainer,
  entity: string
): Promise<string | null> {
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity,
      fields: ["id"],
      pagination: { take: 1, order: { id: "DESC" } },
    })
  return (data[0] as { id: string } | undefined)?.id ?? null
}

/**
 * Filter on `id` for one keyset page: inside `range` (when known) and after
 * the cursor.
 */
export function idPage(
  range: IdRange | null,
  cursor: string | null
): Record<string, unknown> {
  const id: Record<string, string> = { ...(range ?? {}) }
  if (cursor) id.$gt = cursor
  return Object.keys(id).length ? { id } : {}
}
