/**
 * Reading and checking a stock feed, with no I/O: the `stock-feed-sync` job
 * fetches the feed and looks up inventory, everything else happens here.
 *
 * A feed is CSV (a header row naming `sku` and `quantity`, optionally
 * `location`; comma-separated; fields may be quoted with `"`, a quote inside
 * a quoted field written `""`) or JSON (an array of
 * `{ sku, quantity, location? }`, or `{ items: [...] }` of the same).
 * Rows are numbered from 1 in the order of the feed; a CSV's header and blank
 * lines are not counted.
 */

/** A feed that cannot be read at all (as opposed to a malformed row). */
export class FeedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "FeedError"
  }
}

export type FeedFormat = "csv" | "json"

/** A row as written in the feed, before it is checked. */
export type FeedRow = {
  /** Position among the feed's data rows, from 1. */
  row: number
  /** Trimmed; empty when the row has none. */
  sku: string
  /** As written: a string in CSV, anything in JSON. */
  quantity: unknown
  /** The feed's location code, trimmed; null when the row names none. */
  location: string | null
  /** Set when the row could not be read as a row at all. */
  problem?: string
}

export type ParsedFeed = { format: FeedFormat; rows: FeedRow[] }

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

const BOM = "\uFEFF"

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/**
 * Splits CSV text into records of fields. Quoted fields may hold commas,
 * quotes (doubled) and line breaks; `\n`, `\r\n` and `\r` end a record.
 * Lenient where a spreadsheet export is sloppy (spaces around a quoted
 * field, a stray quote inside an unquoted one); strict only about a quote
 * that is never closed, since that swallows the rest of the file.
 */
export function splitCsv(text: string): string[][] {
  const records: string[][] = []
  let fields: string[] = []
  let field = ""
  let inQuotes = false
  let wasQuoted = false
  let line = 1
  let quoteLine = 1
  const endField = () => {
    fields.push(wasQuoted ? field : field.trim())
    field = ""
    wasQuoted = false
  }
  const endRecord = () => {
    endField()
    records.push(fields)
    fields = []
  }

  const start = text.startsWith(BOM) ? 1 : 0
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else {
          inQuotes = false
        }
      } else {
        if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++
        field += c
      }
      continue
    }
    if (c === '"' && !wasQuoted && field.trim() === "") {
      inQuotes = true
      wasQuoted = true
      quoteLine = line
      field = ""
    } else if (c === ",") {
      endField()
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++
      endRecord()
      line++
    } else if (wasQuoted && (c === " " || c === "\t")) {
      // spaces after a closing quote
    } else {
      field += c
    }
  }
  if (inQuotes) {
    throw new FeedError(
      `CSV: the quoted field opened on line ${quoteLine} is never closed`
    )
  }
  if (field !== "" || wasQuoted || fields.length) endRecord()
  return records.filter((r) => !(r.length === 1 && r[0] === ""))
}

/**
 * Reads a CSV feed. The header names the columns (any order, any case);
 * `sku` and `quantity` are required, `location` optional, others ignored.
 * A row with more fields than the header is malformed (most often an
 * unquoted comma, as in `1,000`), never guessed at.
 */
export function parseCsv(text: string): FeedRow[] {
  const [header, ...records] = splitCsv(text)
  if (!header) {
    throw new FeedError("CSV: the feed is empty (no header row)")
  }
  const names = header.map((f) => f.trim().toLowerCase())
  const skuAt = names.indexOf("sku")
  const quantityAt = names.indexOf("quantity")
  const locationAt = names.indexOf("location")
  if (skuAt < 0 || quantityAt < 0) {
    throw new FeedError(
      `CSV: the header row must name the columns sku and quantity; got "${clip(
        header.join(",")
      )}"`
    )
  }
  return records.map((record, index) => {
    const value = (at: number) => (at >= 0 ? (record[at] ?? "") : "")
    const location = value(locationAt).trim()
    const row: FeedRow = {
      row: index + 1,
      sku: value(skuAt).trim(),
      quantity: value(quantityAt),
      location: location || null,
    }
    if (record.length > names.length) {
      row.problem = `has ${record.length} fields, the header has ${names.length} (an unquoted comma?)`
    }
    return row
  })
}

function jsonItems(data: unknown): unknown[] {
  if (Array.isArray(data)) return data
  if (
    data !== null &&
    typeof data === "object" &&
    Array.isArray((data as { items?: unknown }).items)
  ) {
    return (data as { items: unknown[] }).items
  }
  throw new FeedError(
    "JSON: expected an array of { sku, quantity, location? } or { items: [...] }"
  )
}

function jsonRows(data: unknown): FeedRow[] {
  return jsonItems(data).map((item, index) => {
    const row: FeedRow = {
      row: index + 1,
      sku: "",
      quantity: undefined,
      location: null,
    }
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      row.problem = "is not an object"
      return row
    }
    const { sku, quantity, location } = item as Record<string, unknown>
    if (typeof sku === "string") row.sku = sku.trim()
    else if (typeof sku === "number") row.sku = String(sku)
    row.quantity = quantity
    if (typeof location === "string") row.location = location.trim() || null
    else if (typeof location === "number") row.location = String(location)
    else if (location !== undefined && location !== null) {
      row.problem = "location is not a string"
    }
    return row
  })
}

/** Reads a JSON feed: an array of rows, or `{ items: [...] }`. */
export function parseJson(text: string): FeedRow[] {
  let data: unknown
  try {
    data = JSON.parse(text.startsWith(BOM) ? text.slice(1) : text)
  } catch (e) {
    throw new FeedError(`JSON: ${(e as Error).message}`)
  }
  return jsonRows(data)
}

/**
 * Reads a feed in the given format. `auto` goes by the content type (JSON
 * when it names json, CSV when it names csv); otherwise it tries JSON, then
 * CSV.
 */
export function parseFeed(
  body: string,
  format: "auto" | FeedFormat,
  contentType?: string | null
): ParsedFeed {
  if (format === "csv") return { format, rows: parseCsv(body) }
  if (format === "json") return { format, rows: parseJson(body) }
  const type = (contentType ?? "").toLowerCase()
  if (type.includes("json")) return { format: "json", rows: parseJson(body) }
  if (type.includes("csv")) return { format: "csv", rows: parseCsv(body) }

  let data: unknown
  let isJson = false
  try {
    data = JSON.parse(body.startsWith(BOM) ? body.slice(1) : body)
    isJson = true
  } catch {
    // not JSON: try CSV
  }
  if (isJson) return { format: "json", rows: jsonRows(data) }
  try {
    return { format: "csv", rows: parseCsv(body) }
  } catch (e) {
    throw new FeedError(
      `neither JSON nor CSV (content type "${contentType ?? "none"}"): ${
        (e as Error).message
      }`
    )
  }
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
