import {
  type FakeStockFeed,
  startFakeStockFeed,
} from "../../../../fakes/stock-feed"
import { jobDefinition, type JobOptions } from "../../../catalog/jobs"
import { fetchFeed } from "../download"

jest.setTimeout(30_000)

let feed: FakeStockFeed
beforeAll(async () => {
  feed = await startFakeStockFeed()
})
afterAll(() => feed.close())
beforeEach(() => feed.reset())

const options = (overrides: Record<string, unknown> = {}) =>
  jobDefinition("stock-feed-sync").optionsSchema.parse({
    url: feed.csvUrl,
    ...overrides,
  }) as JobOptions<"stock-feed-sync">

async function waitUntil(check: () => boolean, ms = 5000) {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error("condition not met in time")
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe("stock feed download", () => {
  it("reads a feed within its limits", async () => {
    feed.setCsv([
      ["sku", "quantity"],
      ["A", 3],
    ])
    const { body, contentType } = await fetchFeed(feed.csvUrl, options())
    expect(body).toBe("sku,quantity\r\nA,3\r\n")
    expect(contentType).toMatch(/text\/csv/)
  })

  it("a feed larger than the cap fails with the cap in the message, and the transfer is cut off", async () => {
    feed.injectFault("oversized", 1)
    // 10 rows allowed: 10 KiB plus 1 MiB of slack.
    const error = await fetchFeed(feed.csvUrl, options({ max_rows: 10 })).then(
      () => null,
      (e: Error) => e
    )
    expect(error?.message).toBe(
      `refused: the feed is larger than 1.01 MiB (1 KiB per row of max_rows 10, plus 1 MiB): GET ${feed.csvUrl}`
    )
    const served = feed.requests[0]
    await waitUntil(() => served.aborted === true)
    // 32 MiB on offer: the download stopped long before the end.
    expect(served.bytesSent).toBeLessThan(32 * 1024 * 1024)
  })

  it("a feed that trickles in fails at timeout_ms, not when it ends", async () => {
    feed.injectFault("drip", 1)
    const started = Date.now()
    const error = await fetchFeed(
      feed.csvUrl,
      options({ timeout_ms: 800 })
    ).then(
      () => null,
      (e: Error) => e
    )
    expect(error?.message).toMatch(
      /the feed did not answer within 800 ms \(timeout_ms\)/
    )
    // The fake trickles for 10 s without ever going quiet.
    expect(Date.now() - started).toBeLessThan(3000)
  })
})
