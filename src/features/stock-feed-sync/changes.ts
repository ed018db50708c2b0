/**
 * Checking a stock feed's rows and planning the changes, with no I/O: each
 * row read by feed.ts is checked on its own (SKU, quantity, location, no
 * duplicate), matched rows become changes, and the change-ratio guard
 * refuses a feed that would change too much.
 */
import { clip, type FeedRow } from "./feed"

/** A row whose SKU, quantity and location are all usable. */
export type ResolvedRow = {
  row: number
  sku: string
  quantity: number
  location_id: string
}

export type MalformedRow = { row: number; sku: string; reason: string }

/** A resolved row matched to its inventory level. */
export type MatchedRow = ResolvedRow & {
  inventory_item_id: string
  /** The level's current `stocked_quantity`. */
  stocked_quantity: number
}

/** One inventory level to set. */
export type StockChange = {
  row: number
  sku: string
  inventory_item_id: string
  location_id: string
  from_quantity: number
  to_quantity: number
}

export type LocationOptions = {
  /** Feed location code → stock location id. */
  location_map: Record<string, string>
  /** Stock location for rows that name no location. */
  default_location_id?: string
}

export type RatioVerdict = {
  distinct_skus: number
  changed_skus: number
  /** changed_skus / distinct_skus (0 for an empty feed). */
  ratio: number
  allowed: boolean
  /** Says what would change, and why it is refused when it is. */
  message: string
}

/**
 * The quantity as a non-negative integer, or null. Numbers must be whole;
 * strings must be digits only (no sign, decimals or thousands separators).
 */
export function parseQuantity(raw: unknown): number | null {
  if (typeof raw === "number") {
    return Number.isSafeInteger(raw) && raw >= 0 ? raw + 0 : null
  }
  if (typeof raw === "string") {
    const text = raw.trim()
    if (!/^\d+$/.test(text)) return null
    const value = Number(text)
    return Number.isSafeInteger(value) ? value : null
  }
  return null
}

function quantityProblem(raw: unknown): string {
  if (raw === undefined) return "quantity is missing"
  const shown =
    typeof raw === "string"
      ? `"${clip(raw, 40)}"`
      : clip(JSON.stringify(raw) ?? String(raw), 40)
  return `quantity ${shown} is not a non-negative integer`
}

/**
 * Checks each row on its own: SKU present, quantity a non-negative integer,
 * location known (a named location must be in `location_map`; a row without
 * one goes to `default_location_id`), and no SKU twice at one location.
 * A row can have several reasons; they are joined with "; ".
 */
export function resolveRows(
  rows: FeedRow[],
  options: LocationOptions
): { rows: ResolvedRow[]; malformed: MalformedRow[] } {
  const resolved: ResolvedRow[] = []
  const malformed: MalformedRow[] = []
  const firstRowOf = new Map<string, number>()

  for (const row of rows) {
    const reasons: string[] = []
    if (row.problem) reasons.push(row.problem)
    if (!row.sku) reasons.push("sku is empty")
    const quantity = parseQuantity(row.quantity)
    if (quantity === null) reasons.push(quantityProblem(row.quantity))
    let locationId: string | undefined
    if (row.location === null) {
      locationId = options.default_location_id
      if (!locationId) reasons.push("no location and no default_location_id")
    } else if (
      Object.prototype.hasOwnProperty.call(options.location_map, row.location)
    ) {
      locationId = options.location_map[row.location]
    } else {
      reasons.push(
        `unknown location "${clip(row.location, 40)}" (not in location_map)`
      )
    }
    if (!reasons.length && locationId && quantity !== null) {
      const key = `${row.sku}\u0000${locationId}`
      const first = firstRowOf.get(key)
      if (first !== undefined) {
        reasons.push(`duplicate of row ${first} (same sku and location)`)
      } else {
        firstRowOf.set(key, row.row)
        resolved.push({
          row: row.row,
          sku: row.sku,
          quantity,
          location_id: locationId,
        })
        continue
      }
    }
    malformed.push({ row: row.row, sku: row.sku, reason: reasons.join("; ") })
  }
  return { rows: resolved, malformed }
}

/** The rows whose quantity differs from the level's, as changes. */
export function diffStock(rows: MatchedRow[]): {
  changes: StockChange[]
  unchanged: MatchedRow[]
} {
  const changes: StockChange[] = []
  const unchanged: MatchedRow[] = []
  for (const row of rows) {
    if (row.quantity === row.stocked_quantity) {
      unchanged.push(row)
      continue
    }
    changes.push({
      row: row.row,
      sku: row.sku,
      inventory_item_id: row.inventory_item_id,
      location_id: row.location_id,
      from_quantity: row.stocked_quantity,
      to_quantity: row.quantity,
    })
  }
  return { changes, unchanged }
}

/** A share as a percentage for messages: 0.35 → "35 %", 1/3 → "33.3 %". */
export function formatPercent(share: number): string {
  return `${Math.round(share * 1000) / 10} %`
}

/**
 * The guard against a broken feed (a truncated export, a zeroed column):
 * refuses when more than `maxRatio` of the feed's distinct SKUs would
 * change. A SKU counts once however many of its locations change.
 */
export function checkChangeRatio(
  feedSkus: Iterable<string>,
  changes: Pick<StockChange, "sku">[],
  maxRatio: number
): RatioVerdict {
  const distinct = new Set(feedSkus).size
  const changed = new Set(changes.map((c) => c.sku)).size
  const ratio = distinct ? changed / distinct : 0
  // Compare counts, not floats: 0.2 of 20 SKUs allows exactly 4.
  const allowed = changed <= Math.floor(maxRatio * distinct + 1e-9)
  const what = `${changed} of ${distinct} SKUs (${formatPercent(ratio)}) would change`
  return {
    distinct_skus: distinct,
    changed_skus: changed,
    ratio,
    allowed,
    message: allowed
      ? what
      : `refused: ${what}, more than max_change_ratio ${formatPercent(maxRatio)}`,
  }
}

/** `SKU@location: from → to`, for run notes. */
export function describeChange(change: StockChange): string {
  return `${change.sku}@${change.location_id}: ${change.from_quantity} → ${change.to_quantity}`
}
