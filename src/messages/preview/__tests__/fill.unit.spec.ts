import { pickCatalogItems } from "../catalog-sample"
import { fillFromCatalog, rebaseUrl } from "../fill"

const catalog = {
  currency_code: "eur",
  items: [
    {
      product_title: "Trail Shoe",
      variant_title: "42 / Blue",
      sku: "TS-42-B",
      thumbnail: "https://cdn.shop.test/ts.png",
      handle: "trail-shoe",
      price: 89.5,
    },
    {
      product_title: "Rain Jacket",
      variant_title: "M",
      sku: "RJ-M",
      thumbnail: null,
      handle: "rain-jacket",
      price: 120,
    },
  ],
}

describe("fillFromCatalog", () => {
  it("fills a single product with the catalog's and links it on the storefront", () => {
    const { data, products } = fillFromCatalog(
      {
        product_title: "Sample Tee",
        variant_title: "S",
        sku: "X",
        thumbnail: "https://example.com/x.png",
        product_url: "https://example.com/products/sample-tee?variant=1",
        unsubscribe_url: "https://example.com/autopilot/unsubscribe?token=t",
        order_display_id: 1042,
      },
      catalog,
      "https://shop.test/de"
    )
    expect(data).toEqual({
      product_title: "Trail Shoe",
      variant_title: "42 / Blue",
      sku: "TS-42-B",
      thumbnail: "https://cdn.shop.test/ts.png",
      product_url: "https://shop.test/de/products/trail-shoe",
      unsubscribe_url: "https://shop.test/de/autopilot/unsubscribe?token=t",
      order_display_id: 1042,
    })
    expect(products).toEqual(["Trail Shoe"])
  })

  it("fills cart lines one product each, recomputes the totals and takes the shop's currency", () => {
    const { data, products } = fillFromCatalog(
      {
        currency_code: "usd",
        items: [
          { title: "A", variant_title: "S", quantity: 2, unit_price: 1 },
          { title: "B", variant_title: "M", quantity: 1, unit_price: 1 },
        ],
        totals: {
          item_total: 3,
          subtotal: 3,
          shipping_total: 5,
          tax_total: 0,
          discount_total: 0,
          total: 8,
        },
      },
      catalog,
      "https://shop.test"
    )
    expect(data.currency_code).toBe("eur")
    expect(data.items).toEqual([
      {
        title: "Trail Shoe",
        variant_title: "42 / Blue",
        quantity: 2,
        unit_price: 89.5,
      },
      {
        title: "Rain Jacket",
        variant_title: "M",
        quantity: 1,
        unit_price: 120,
      },
    ])
    expect(data.totals).toEqual({
      item_total: 299,
      subtotal: 299,
      shipping_total: 0,
      tax_total: 0,
      discount_total: 0,
      total: 299,
    })
    expect(products).toEqual(["Trail Shoe", "Rain Jacket"])
  })

  it("names order lines by variant where the sample did, digest lines by both, and keeps a carrier's link", () => {
    const { data } = fillFromCatalog(
      {
        tracking_url: "https://carrier.test/track?id=1",
        tracking_page_url: "https://sample.test/order/track?token=t",
        items: [
          {
            title: "M / Navy",
            product_title: "Sweater",
            variant_title: "M / Navy",
            thumbnail: "https://sample.test/x.jpg",
          },
        ],
        variants: [{ sku: "OLD", title: "Sweater – M", available: 1 }],
      },
      catalog,
      "https://shop.test",
      "https://sample.test"
    )
    expect(data.tracking_url).toBe("https://carrier.test/track?id=1")
    expect(data.tracking_page_url).toBe("https://shop.test/order/track?token=t")
    expect(data.items).toEqual([
      {
        title: "42 / Blue",
        product_title: "Trail Shoe",
        variant_title: "42 / Blue",
        thumbnail: "https://cdn.shop.test/ts.png",
      },
    ])
    expect(data.variants).toEqual([
      { sku: "TS-42-B", title: "Trail Shoe – 42 / Blue", available: 1 },
    ])
  })

  it("keeps the sample when the catalog is empty", () => {
    const sample = { product_title: "Sample Tee", currency_code: "usd" }
    const { data, products } = fillFromCatalog(
      sample,
      { currency_code: null, items: [] },
      "https://shop.test"
    )
    expect(data).toEqual(sample)
    expect(products).toEqual([])
  })
})

describe("rebaseUrl", () => {
  it("keeps path and query and takes the storefront's origin", () => {
    expect(
      rebaseUrl(
        "http://localhost:8000/cart/recover?token=a",
        "https://shop.test"
      )
    ).toBe("https://shop.test/cart/recover?token=a")
  })
  it("leaves what is not a link", () => {
    expect(rebaseUrl("mailto:a@b.c", "https://shop.test")).toBe("mailto:a@b.c")
    expect(rebaseUrl("not a url", "https://shop.test")).toBe("not a url")
  })
})

describe("pickCatalogItems", () => {
  it("prefers products with a picture and a price in the shop's currency", () => {
    const items = pickCatalogItems(
      [
        {
          title: "No picture",
          handle: "a",
          thumbnail: null,
          variants: [
            {
              title: "S",
              sku: null,
              prices: [{ amount: 5, currency_code: "eur" }],
            },
          ],
        },
        {
          title: "Other currency",
          handle: "b",
          thumbnail: "p.png",
          variants: [
            {
              title: "S",
              sku: null,
              prices: [{ amount: 7, currency_code: "usd" }],
            },
          ],
        },
        {
          title: "Good",
          handle: "c",
          thumbnail: "g.png",
          variants: [
            {
              title: "S",
              sku: "G-S",
              prices: [
                { amount: 12, currency_code: "eur", rules_count: 1 },
                { amount: 10, currency_code: "eur", rules_count: 0 },
              ],
            },
          ],
        },
      ],
      "eur"
    )
    expect(items.map((i) => [i.product_title, i.price])).toEqual([
      ["Good", 10],
      ["Other currency", null],
      ["No picture", 5],
    ])
  })
})
