import { inspectItems, inspectLevel } from "../inspect"
import type { DetectedFinding, ItemFacts, LevelRow, VariantRow } from "../types"

const MODES = {
  reserved_drift: "report",
  orphaned_no_order: "report",
  orphaned_canceled_order: "fix",
  orphaned_fulfilled: "report",
} as const
const OPTIONS = {
  modes: MODES,
  low_stock_threshold: 5,
  orphan_grace_minutes: 60,
}

const level = (
  stocked: number,
  reserved: number,
  at = { inventory_item_id: "iitem_1", location_id: "sloc_sold" }
): LevelRow => ({
  ...at,
  stocked_quantity: stocked,
  reserved_quantity: reserved,
})

const clean = {
  reservationsSum: 0,
  allowsBackorder: false,
  soldFromLocation: true,
}

const types = (findings: DetectedFinding[]) => findings.map((f) => f.type)

describe("inspectLevel", () => {
  it("finds nothing on a consistent level", () => {
    expect(
      inspectLevel(level(10, 2), { ...clean, reservationsSum: 2 }, MODES)
    ).toEqual([])
  })

  it("reports reserved drift in the configured mode, with what it saw", () => {
    const [drift] = inspectLevel(
      level(10, 4),
      { ...clean, reservationsSum: 1 },
      MODES
    )
    expect(drift).toEqual({
      type: "reserved_drift",
      mode: "report",
      inventory_item_id: "iitem_1",
      location_id: "sloc_sold",
      details: {
        before: { reserved_quantity: 4, reservations_sum: 1 },
        description: "reserved 4, but the reservations add up to 1",
      },
    })
    const [fix] = inspectLevel(
      level(10, 0),
      { ...clean, reservationsSum: 3 },
      {
        reserved_drift: "fix",
      }
    )
    expect(fix).toMatchObject({
      type: "reserved_drift",
      mode: "fix",
      details: { before: { reserved_quantity: 0, reservations_sum: 3 } },
    })
  })

  it("reads quantities given as strings or missing", () => {
    const row = {
      inventory_item_id: "i",
      location_id: "l",
      stocked_quantity: "3",
      reserved_quantity: null,
    }
    expect(inspectLevel(row, clean, MODES)).toEqual([])
  })

  it("reports negative stock, always report-only, and not as over-reserved", () => {
    const found = inspectLevel(level(-2, 0), clean, { reserved_drift: "fix" })
    expect(found).toEqual([
      {
        type: "negative_stock",
        mode: "report",
        inventory_item_id: "iitem_1",
        location_id: "sloc_sold",
        details: {
          before: { stocked_quantity: -2 },
          description: "stocked -2",
        },
      },
    ])
  })

  it("reports more reserved than stocked when backorders are not allowed", () => {
    const found = inspectLevel(
      level(0, 1),
      { ...clean, reservationsSum: 1 },
      MODES
    )
    expect(found).toEqual([
      expect.objectContaining({
        type: "overreserved",
        mode: "report",
        details: {
          before: { stocked_quantity: 0, reserved_quantity: 1 },
          description:
            "reserved 1 of 0 in stock, and backorders are not allowed",
        },
      }),
    ])
  })

  it("accepts over-reservation when a variant allows backorders", () => {
    expect(
      inspectLevel(
        level(0, 1),
        { ...clean, reservationsSum: 1, allowsBackorder: true },
        MODES
      )
    ).toEqual([])
  })

  it("reports stock where no sales channel sells, but not an empty level there", () => {
    const found = inspectLevel(
      level(7, 0),
      { ...clean, soldFromLocation: false },
      MODES
    )
    expect(found).toEqual([
      expect.objectContaining({
        type: "unused_location_stock",
        mode: "report",
        details: {
          before: { stocked_quantity: 7 },
          description: "7 in stock at a location no sales channel sells from",
        },
      }),
    ])
    expect(
      inspectLevel(level(0, 0), { ...clean, soldFromLocation: false }, MODES)
    ).toEqual([])
  })

  it("reports every problem of one level", () => {
    const found = inspectLevel(
      level(2, 5),
      { ...clean, soldFromLocation: false },
      MODES
    )
    expect(types(found)).toEqual([
      "reserved_drift",
      "overreserved",
      "unused_location_stock",
    ])
  })
})

const variant = (over: Partial<VariantRow> = {}): VariantRow => ({
  id: "variant_1",
  sku: "TEE-M",
  title: "M",
  allow_backorder: false,
  manage_inventory: true,
  metadata: null,
  product: { title: "Tee" },
  ...over,
})

const facts = (over: Partial<ItemFacts> = {}): ItemFacts => ({
  levels: [level(10, 0)],
  reservations: [],
  links: [
    {
      variant_id: "variant_1",
      inventory_item_id: "iitem_1",
      required_quantity: 1,
    },
  ],
  variants: [variant()],
  channelLocations: new Set(["sloc_sold"]),
  ...over,
})

describe("inspectItems", () => {
  it("finds nothing for a healthy item", () => {
    expect(inspectItems(facts(), OPTIONS)).toEqual({
      findings: [],
      lowStock: [],
    })
  })

  it("adds up reservations per item and location", () => {
    const found = inspectItems(
      facts({
        levels: [
          level(10, 3),
          level(10, 1, { inventory_item_id: "iitem_1", location_id: "sloc_2" }),
        ],
        reservations: [
          {
            inventory_item_id: "iitem_1",
            location_id: "sloc_sold",
            quantity: 1,
          },
          {
            inventory_item_id: "iitem_1",
            location_id: "sloc_sold",
            quantity: "2",
          },
          { inventory_item_id: "iitem_1", location_id: "sloc_2", quantity: 4 },
        ],
        channelLocations: new Set(["sloc_sold", "sloc_2"]),
      }),
      OPTIONS
    )
    expect(found.findings).toEqual([
      expect.objectContaining({
        type: "reserved_drift",
        location_id: "sloc_2",
        details: expect.objectContaining({
          before: { reserved_quantity: 1, reservations_sum: 4 },
        }),
      }),
    ])
  })

  it("allows over-reservation when any variant of the item allows backorders", () => {
    const over = facts({
      levels: [level(1, 2)],
      links: [
        {
          variant_id: "variant_1",
          inventory_item_id: "iitem_1",
          required_quantity: 1,
        },
        {
          variant_id: "variant_2",
          inventory_item_id: "iitem_1",
          required_quantity: 1,
        },
      ],
      variants: [
        variant(),
        variant({ id: "variant_2", allow_backorder: true }),
      ],
      reservations: [
        { inventory_item_id: "iitem_1", location_id: "sloc_sold", quantity: 2 },
      ],
    })
    const found = inspectItems(over, { ...OPTIONS, low_stock_threshold: 0 })
    expect(found.findings).toEqual([])
    const without = inspectItems(
      { ...over, variants: [variant()] },
      { ...OPTIONS, low_stock_threshold: 0 }
    )
    expect(types(without.findings)).toEqual(["overreserved"])
  })

  it("lists variants below the threshold, available at sold-from locations only", () => {
    const found = inspectItems(
      facts({
        levels: [
          level(6, 2),
          level(50, 0, {
            inventory_item_id: "iitem_1",
            location_id: "sloc_hidden",
          }),
        ],
        reservations: [
          {
            inventory_item_id: "iitem_1",
            location_id: "sloc_sold",
            quantity: 2,
          },
        ],
      }),
      OPTIONS
    )
    expect(found.lowStock).toEqual([
      {
        variant_id: "variant_1",
        sku: "TEE-M",
        title: "Tee — M",
        available: 4,
        threshold: 5,
      },
    ])
    expect(types(found.findings)).toEqual(["unused_location_stock"])
  })

  it("does not list a variant at or above its threshold", () => {
    expect(
      inspectItems(facts({ levels: [level(5, 0)] }), OPTIONS).lowStock
    ).toEqual([])
  })

  it("divides by the units a variant needs, rounding down (0 counts as 1)", () => {
    const links = (required_quantity: number) => [
      {
        variant_id: "variant_1",
        inventory_item_id: "iitem_1",
        required_quantity,
      },
    ]
    expect(
      inspectItems(facts({ levels: [level(11, 0)], links: links(3) }), OPTIONS)
        .lowStock
    ).toEqual([expect.objectContaining({ available: 3 })])
    expect(
      inspectItems(facts({ levels: [level(4, 0)], links: links(0) }), OPTIONS)
        .lowStock
    ).toEqual([expect.objectContaining({ available: 4 })])
  })

  it("takes the variant's own threshold from metadata; 0 or less turns it off", () => {
    const withMeta = (value: unknown) =>
      facts({
        levels: [level(8, 0)],
        variants: [
          variant({ metadata: { autopilot_low_stock_threshold: value } }),
        ],
      })
    expect(inspectItems(withMeta("10"), OPTIONS).lowStock).toEqual([
      expect.objectContaining({ available: 8, threshold: 10 }),
    ])
    expect(inspectItems(withMeta(0), OPTIONS).lowStock).toEqual([])
    expect(
      inspectItems(withMeta("lots"), { ...OPTIONS, low_stock_threshold: 9 })
        .lowStock
    ).toEqual([expect.objectContaining({ threshold: 9 })])
    expect(
      inspectItems(facts({ levels: [level(1, 0)] }), {
        ...OPTIONS,
        low_stock_threshold: 0,
      }).lowStock
    ).toEqual([])
  })

  it("skips variants that do not manage inventory or were not loaded", () => {
    expect(
      inspectItems(
        facts({
          levels: [level(1, 0)],
          variants: [variant({ manage_inventory: false })],
        }),
        OPTIONS
      ).lowStock
    ).toEqual([])
    expect(
      inspectItems(facts({ levels: [level(1, 0)], variants: [] }), OPTIONS)
        .lowStock
    ).toEqual([])
  })

  it("counts an item with no level at a sold-from location as 0 available", () => {
    const found = inspectItems(facts({ levels: [] }), OPTIONS)
    expect(found.lowStock).toEqual([expect.objectContaining({ available: 0 })])
  })

  it("titles a variant without a product title by its own title", () => {
    const found = inspectItems(
      facts({ levels: [level(1, 0)], variants: [variant({ product: null })] }),
      OPTIONS
    )
    expect(found.lowStock[0].title).toBe("M")
  })
})
