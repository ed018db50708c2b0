import { shipmentMessageData } from "../settle"

type Parcel = Parameters<typeof shipmentMessageData>[0]

const parcel = (tracking_url: string | null) =>
  ({
    id: "ts_1",
    order_id: "order_1",
    provider: "aftership",
    carrier: "ups",
    tracking_number: "1Z999",
    tracking_url,
    status: "in_transit",
    raw_message: null,
  }) as unknown as Parcel

describe("shipmentMessageData: the tracking link", () => {
  it("keeps an https tracking URL", () => {
    const p = parcel("https://track.example.com/1Z999")
    expect(shipmentMessageData(p, null, null, [p]).tracking_url).toBe(
      "https://track.example.com/1Z999"
    )
  })

  it.each([
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/x",
  ])("sends no link for %j", (url) => {
    const p = parcel(url)
    expect(shipmentMessageData(p, null, null, [p]).tracking_url).toBeNull()
  })
})
