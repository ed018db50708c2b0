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

describe("shipmentMessageData: the delivery estimate", () => {
  const at = "2026-12-10T00:00:00.000Z"
  const withEstimate = (status: string, estimated: string | null) =>
    ({
      ...(parcel(null) as object),
      status,
      estimated_delivery_at: estimated ? new Date(estimated) : null,
    }) as unknown as Parcel

  it("passes the carrier's estimate on as ISO time", () => {
    const p = withEstimate("in_transit", at)
    expect(shipmentMessageData(p, null, null, [p]).estimated_delivery).toBe(at)
  })

  it("says null without an estimate, and once delivered", () => {
    const none = withEstimate("in_transit", null)
    const done = withEstimate("delivered", at)
    expect(
      shipmentMessageData(none, null, null, [none]).estimated_delivery
    ).toBeNull()
    expect(
      shipmentMessageData(done, null, null, [done]).estimated_delivery
    ).toBeNull()
  })
})

describe("shipmentMessageData: the items", () => {
  it("names an item by its product and variant, from the order's line", () => {
    const p = parcel(null)
    const data = shipmentMessageData(
      p,
      {
        id: "order_1",
        display_id: 7,
        email: "ann@example.com",
        customer_id: null,
        locale: "de-DE",
        items: [
          {
            id: "ordli_1",
            product_title: "Merino Sweater",
            variant_title: "M",
            thumbnail: "https://img.example.com/m.jpg",
          },
        ],
      },
      {
        id: "ful_1",
        delivered_at: null,
        items: [
          { title: "M", sku: "MER-M", quantity: 1, line_item_id: "ordli_1" },
        ],
      },
      [p]
    )
    expect(data.locale).toBe("de-DE")
    expect(data.items).toEqual([
      {
        title: "M",
        product_title: "Merino Sweater",
        variant_title: "M",
        sku: "MER-M",
        quantity: 1,
        thumbnail: "https://img.example.com/m.jpg",
      },
    ])
  })
})
