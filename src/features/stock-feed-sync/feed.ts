/**
 * Reading a stock feed, with no I/O: the `stock-feed-sync` job fetches the
 * feed and looks up inventory; the rows read here are checked and turned
 * into changes in changes.ts.
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

const BOM = "\uFEFF"

/** Shortens text quoted in a message. */
export function clip(text: string, max = 80): string {
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
