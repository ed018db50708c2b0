import { fingerprint, inspectReservations } from "../inspect"
import type {
  DetectedFinding,
  ReservationFacts,
  ReservationRow,
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
