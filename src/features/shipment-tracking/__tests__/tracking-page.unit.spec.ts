import { shipmentTrackingOptions } from "../../../catalog/shipment-tracking-options"
import {
  stillValid,
  TRACKING_LINK_GRACE_DAYS,
  trackingPageUrl,
} from "../tracking-page"

const DAY = 86_400_000

type Parcel = Parameters<typeof stillValid>[0]

const parcel = (over: Partial<Parcel> = {}): Parcel => ({
  id: "apship_1",
  order_id: "order_1",
  carrier: "ups",
  tracking_number: "1Z999",
  tracking_url: null,
  status: "in_transit",
  raw_message: null,
  started_at: new Date("2026-01-01T00:00:00Z"),
  delivered_at: null,
  last_event_at: null,
  updated_at: new Date("2026-01-02T00:00:00Z"),
  ...over,
})

describe("trackingPageUrl", () => {
  it("puts the token into the path after the storefront URL", () => {
    expect(
      trackingPageUrl("https://shop.example.com/", "/track/<token>", "abc")
    ).toBe("https://shop.example.com/track/abc")
    expect(
      trackingPageUrl(
        "https://shop.example.com",
        "/de/order/track?t=<token>",
        "abc"
      )
    ).toBe("https://shop.example.com/de/order/track?t=abc")
  })
})

describe("tracking_page_path option", () => {
  const parse = (tracking_page_path?: string) =>
    shipmentTrackingOptions().safeParse(
      tracking_page_path === undefined ? {} : { tracking_page_path }
    )

  it("defaults to /track/<token>", () => {
    const parsed = parse()
    expect(parsed.success && parsed.data.tracking_page_path).toBe(
      "/track/<token>"
    )
  })

  it.each(["track/<token>", "/track", "/track/ <token>", "https://x/<token>"])(
    "refuses %j",
    (path) => {
      expect(parse(path).success).toBe(false)
    }
  )
})

describe("stillValid", () => {
  const at = (d: Date | string, days: number) =>
    new Date(new Date(d).getTime() + days * DAY)

  it("keeps a link working while the parcel is on its way", () => {
    const p = parcel()
    expect(stillValid(p, at(p.started_at, 365))).toBe(true)
  })

  it("ends the grace period after a delivery", () => {
    const delivered_at = new Date("2026-01-05T00:00:00Z")
    const p = parcel({ status: "delivered", delivered_at })
    expect(stillValid(p, at(delivered_at, TRACKING_LINK_GRACE_DAYS))).toBe(true)
    expect(stillValid(p, at(delivered_at, TRACKING_LINK_GRACE_DAYS + 1))).toBe(
      false
    )
  })

  it("counts a return or an expiry from its last event or update", () => {
    const p = parcel({
      status: "returned_to_sender",
      last_event_at: new Date("2026-01-10T00:00:00Z"),
    })
    expect(stillValid(p, at(p.last_event_at!, 13))).toBe(true)
    expect(stillValid(p, at(p.last_event_at!, 15))).toBe(false)
    const q = parcel({ status: "expired" })
    expect(stillValid(q, at(q.updated_at, 15))).toBe(false)
  })
})
