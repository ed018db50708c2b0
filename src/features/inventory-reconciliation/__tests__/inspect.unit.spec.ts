import {
  fingerprint,
  inspectItems,
  inspectLevel,
  inspectReservations,
} from "../inspect"
import type {
  DetectedFinding,
  ItemFacts,
  LevelRow,
  ReservationFacts,
  ReservationRow,
  VariantRow,
} from "../types"

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

const AT = new Date("2026-12-01T12:00:00Z")
const reservation = (over: Partial<ReservationRow> = {}): ReservationRow => ({
  id: "resitem_1",
  inventory_item_id: "iitem_1",
  location_id: "sloc_sold",
  line_item_id: "ordli_1",
  quantity: 2,
  created_at: new Date(AT.getTime() - 2 * 3_600_000),
  ...over,
})
const item = (over: Partial<ReservationFacts["orderItems"][number]> = {}) => ({
  item_id: "ordli_1",
  order_id: "order_1",
  quantity: 2,
  fulfilled_quantity: 0,
  version: 1,
  ...over,
})
const order = (over: Partial<ReservationFacts["orders"][number]> = {}) => ({
  id: "order_1",
  status: "pending",
  canceled_at: null,
  ...over,
})

describe("inspectReservations", () => {
  const inspect = (f: Partial<ReservationFacts>, options = OPTIONS) =>
    inspectReservations(
      { reservations: [reservation()], orderItems: [], orders: [], ...f },
      options,
      AT
    )

  it("leaves the reservation of a live, unfulfilled order alone", () => {
    expect(inspect({ orderItems: [item()], orders: [order()] })).toEqual([])
    expect(
      inspect({
        orderItems: [item({ fulfilled_quantity: 1 })],
        orders: [order()],
      })
    ).toEqual([])
  })

  it("ignores reservations without a line item", () => {
    expect(
      inspect({ reservations: [reservation({ line_item_id: null })] })
    ).toEqual([])
  })

  it("reports a line item in no order only after the grace period", () => {
    const young = reservation({
      created_at: new Date(AT.getTime() - 59 * 60_000),
    })
    expect(inspect({ reservations: [young] })).toEqual([])
    const exactly = reservation({
      created_at: new Date(AT.getTime() - 60 * 60_000).toISOString(),
    })
    expect(inspect({ reservations: [exactly] })).toEqual([])
    expect(inspect({})).toEqual([
      {
        type: "orphaned_reservation",
        mode: "report",
        inventory_item_id: "iitem_1",
        location_id: "sloc_sold",
        reservation_id: "resitem_1",
        line_item_id: "ordli_1",
        order_id: null,
        details: {
          reason: "no_order",
          before: { reservation_quantity: 2 },
          description: "the line item is in no order",
        },
      },
    ])
  })

  it("finds the reservation of a canceled order, by status or by canceled_at", () => {
    const byStatus = inspect({
      orderItems: [item()],
      orders: [order({ status: "canceled" })],
    })
    expect(byStatus).toEqual([
      expect.objectContaining({
        mode: "fix",
        order_id: "order_1",
        details: expect.objectContaining({
          reason: "canceled_order",
          description: "the order was canceled",
        }),
      }),
    ])
    const byDate = inspect({
      orderItems: [item()],
      orders: [order({ canceled_at: "2026-11-30T00:00:00Z" })],
    })
    expect(byDate).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({ reason: "canceled_order" }),
      }),
    ])
  })

  it("finds the reservation of a fulfilled line item", () => {
    expect(
      inspect({
        orderItems: [item({ fulfilled_quantity: "2" })],
        orders: [order()],
      })
    ).toEqual([
      expect.objectContaining({
        mode: "report",
        order_id: "order_1",
        details: expect.objectContaining({
          reason: "fulfilled",
          description: "the line item is already fulfilled",
        }),
      }),
    ])
  })

  it("judges by the newest version of an edited order item", () => {
    const edited = [
      item({ version: 2, quantity: 3, fulfilled_quantity: 2 }),
      item({ version: 1 }),
    ]
    expect(inspect({ orderItems: edited, orders: [order()] })).toEqual([])
    const older = [
      item({ version: 1, fulfilled_quantity: 0 }),
      item({ version: 3, fulfilled_quantity: 2 }),
    ]
    expect(inspect({ orderItems: older, orders: [order()] })).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({ reason: "fulfilled" }),
      }),
    ])
  })

  it("uses the mode configured for each reason", () => {
    const modes = {
      ...MODES,
      orphaned_no_order: "fix",
      orphaned_fulfilled: "fix",
    } as const
    expect(inspect({}, { ...OPTIONS, modes })[0].mode).toBe("fix")
    expect(
      inspect(
        { orderItems: [item({ fulfilled_quantity: 2 })], orders: [order()] },
        { ...OPTIONS, modes }
      )[0].mode
    ).toBe("fix")
    expect(
      inspect(
        { orderItems: [item()], orders: [order({ status: "canceled" })] },
        { ...OPTIONS, modes: { ...MODES, orphaned_canceled_order: "report" } }
      )[0].mode
    ).toBe("report")
  })
})

describe("fingerprint", () => {
  const drift: DetectedFinding = {
    type: "reserved_drift",
    mode: "report",
    inventory_item_id: "iitem_1",
    location_id: "sloc_1",
    details: {
      before: { reserved_quantity: 4, reservations_sum: 1 },
      description: "x",
    },
  }

  it("is the same for the same state, whatever the mode or description", () => {
    const print = fingerprint(drift)
    expect(print).toMatch(/^[0-9a-f]{40}$/)
    expect(
      fingerprint({
        ...drift,
        mode: "fix",
        details: { ...drift.details, description: "y" },
      })
    ).toBe(print)
  })

  it("differs by type, ids and the values seen", () => {
    const print = fingerprint(drift)
    expect(fingerprint({ ...drift, type: "overreserved" })).not.toBe(print)
    expect(fingerprint({ ...drift, location_id: "sloc_2" })).not.toBe(print)
    expect(fingerprint({ ...drift, reservation_id: "resitem_1" })).not.toBe(
      print
    )
    expect(
      fingerprint({
        ...drift,
        details: { before: { reserved_quantity: 5, reservations_sum: 1 } },
      })
    ).not.toBe(print)
  })
})
