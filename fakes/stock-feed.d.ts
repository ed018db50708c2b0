export type FeedAuth =
  | { type: "none" }
  | { type: "basic"; username: string; password: string }
  | { type: "bearer"; token: string }

export type FeedCell = string | number | null | undefined

export type FakeStockFeed = {
  /** The server's base URL, e.g. http://127.0.0.1:41234 */
  url: string
  /** `${url}/feed.csv` */
  csvUrl: string
  /** `${url}/feed.json` */
  jsonUrl: string
  /** Every request, in order, with the status answered (null: none yet). */
  requests: {
    method: string
    path: string
    authorization: string | null
    status: number | null
    /** Body bytes written ("oversized" and "drip" faults only). */
    bytesSent?: number
    /** The client hung up before the end ("oversized" and "drip" only). */
    aborted?: boolean
  }[]
  /** The CSV feed: raw text, or rows of cells (quoted where needed). */
  setCsv(content: string | FeedCell[][], contentType?: string): void
  /** The JSON feed: a value to serialize, or a raw string. */
  setJson(content: unknown, contentType?: string): void
  /** Credentials the feed requires; anything else gets 401. */
  setAuth(auth: FeedAuth | null): void
  /** The next `count` feed requests fail (every one when omitted). */
  injectFault(
    mode: "500" | "timeout" | "malformed" | "oversized" | "drip",
    count?: number
  ): void
  clearFaults(): void
  /** Empty feeds, no auth, no faults, no recorded requests. */
  reset(): void
  close(): Promise<void>
}

export function startFakeStockFeed(opts?: {
  port?: number
  /** Size of an "oversized" feed; 32 MiB by default. */
  oversizedBytes?: number
  /** How long a "drip" feed trickles; 10 s by default. */
  dripMs?: number
}): Promise<FakeStockFeed>

/** Rows of cells as CSV (CRLF line ends, quoting where needed). */
export function toCsv(rows: FeedCell[][]): string
