import { MedusaError } from "@medusajs/framework/utils"
import axios from "axios"
import type { JobOptions } from "../../catalog/jobs"

type StockFeedOptions = JobOptions<"stock-feed-sync">

/** Bytes allowed per feed row on average, to bound the download. */
const BYTES_PER_ROW = 1024

/** 103448576 → "98.66 MiB". */
function mebibytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(2))} MiB`
}

function feedFailed(message: string): never {
  throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, message)
}

/** The URL without credentials or query string, for messages and notes. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.origin}${parsed.pathname}`
  } catch {
    return "(invalid url)"
  }
}

/**
 * Downloads the feed. Any answer but 2xx, a timeout (`timeout_ms` for the
 * whole download), a network error or a body larger than the rows allowed
 * could fill fails the run with a message saying which.
 */
export async function fetchFeed(
  url: string,
  options: StockFeedOptions
): Promise<{ body: string; contentType: string | null }> {
  const where = `GET ${redactUrl(url)}`
  const headers: Record<string, string> = {
    accept: "text/csv, application/json;q=0.9, */*;q=0.5",
  }
  if (options.auth.type === "bearer") {
    headers.authorization = `Bearer ${options.auth.token}`
  }
  const maxBytes = options.max_rows * BYTES_PER_ROW + 1024 * 1024
  let response
  try {
    response = await axios.get<string>(url, {
      headers,
      auth:
        options.auth.type === "basic"
          ? {
              username: options.auth.username,
              password: options.auth.password,
            }
          : undefined,
      timeout: options.timeout_ms,
      signal: AbortSignal.timeout(options.timeout_ms),
      responseType: "text",
      transformResponse: [(data: string) => data],
      maxContentLength: maxBytes,
      maxRedirects: 3,
      validateStatus: () => true,
    })
  } catch (e) {
    const code = axios.isAxiosError(e) ? e.code : undefined
    if (
      axios.isCancel(e) ||
      code === "ECONNABORTED" ||
      code === "ETIMEDOUT" ||
      (e as Error).name === "TimeoutError"
    ) {
      feedFailed(
        `the feed did not answer within ${options.timeout_ms} ms (timeout_ms): ${where}`
      )
    }
    if (/maxContentLength/i.test((e as Error).message)) {
      feedFailed(
        `refused: the feed is larger than ${mebibytes(maxBytes)} (1 KiB per row of max_rows ${options.max_rows}, plus 1 MiB): ${where}`
      )
    }
    feedFailed(
      `the feed could not be fetched: ${(e as Error).message} (${where})`
    )
  }
  if (response.status < 200 || response.status >= 300) {
    const hint =
      response.status === 401 || response.status === 403
        ? ` (check jobs["stock-feed-sync"].options.auth)`
        : ""
    feedFailed(`the feed answered HTTP ${response.status}${hint}: ${where}`)
  }
  const contentType = response.headers["content-type"]
  return {
    body: typeof response.data === "string" ? response.data : "",
    contentType: contentType ? String(contentType) : null,
  }
}
