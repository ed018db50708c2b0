import {
  deliveryAction,
  type Due,
  type MessageFacts,
  messagesFor,
  settledWrites,
  type ShipmentFacts,
  whatIsDue,
} from "../decide"

const SENT = "2026-11-01T10:00:00.000Z"

function shipment(overrides: Partial<ShipmentFacts> = {}): ShipmentFacts {
  return {
    id: "ship_1",
    status: "in_transit",
    order_id: "order_1",
    fulfillment_id: "ful_1",
    no_notification: false,
    notify_pending: false,
    delivered_marked_at: null,
    notified: { shipped: SENT },
    ...overrides,
  }
}

function settle(due: Due) {
  if (due.kind !== "settle") throw new Error(`expected settle, got ${due.kind}`)
  return due
}

const data = {
  order_display_id: 42,
  parcels: { total: 1 },
  all_delivered: false,
}

function facts(overrides: Partial<MessageFacts> = {}): MessageFacts {
  return {
    order: { email: "ann@example.com", customer_id: "cus_1" },
    data,
    merchant_email: "shop@example.com",
    options: { notify_customer: true, notify_merchant: true },
    ...overrides,
  }
}

describe("whatIsDue", () => {
  it("is idle when every message went out", () => {
    expect(whatIsDue(shipment())).toEqual({
      kind: "idle",
      clear_pending: false,
    })
  })

  it("clears a stale pending flag when idle", () => {
    expect(whatIsDue(shipment({ notify_pending: true }))).toEqual({
      kind: "idle",
      clear_pending: true,
    })
  })

  it("sends shipped first, when tracking started", () => {
    expect(whatIsDue(shipment({ notified: {} }))).toEqual({
      kind: "settle",
      customer: ["shipped"],
      merchant: null,
      merchant_late: null,
      mark_delivered: false,
    })
  })

  it.each(["out_for_delivery", "attempt_failed"])(
    "sends the customer's %s message once",
    (status) => {
      expect(settle(whatIsDue(shipment({ status }))).customer).toEqual([status])
      expect(
        whatIsDue(
          shipment({ status, notified: { shipped: SENT, [status]: SENT } })
        ).kind
      ).toBe("idle")
    }
  )

  it("alerts the customer and the merchant about an exception", () => {
    expect(whatIsDue(shipment({ status: "exception" }))).toEqual({
      kind: "settle",
      customer: ["exception"],
      merchant: "merchant:exception",
      merchant_late: null,
      mark_delivered: false,
    })
  })

  it("alerts only the merchant about a return to the sender", () => {
    expect(whatIsDue(shipment({ status: "returned_to_sender" }))).toEqual({
      kind: "settle",
      customer: [],
      merchant: "merchant:returned_to_sender",
      merchant_late: null,
      mark_delivered: false,
    })
  })

  it("alerts the merchant once", () => {
    const notified = {
      shipped: SENT,
      exception: SENT,
      "merchant:exception": "skipped",
    }
    expect(whatIsDue(shipment({ status: "exception", notified })).kind).toBe(
      "idle"
    )
  })

  it("marks a delivered shipment's fulfillment until it is marked", () => {
    expect(whatIsDue(shipment({ status: "delivered" }))).toEqual({
      kind: "settle",
      customer: ["delivered"],
      merchant: null,
      merchant_late: null,
      mark_delivered: true,
    })
    const told = { shipped: SENT, delivered: SENT }
    expect(
      whatIsDue(shipment({ status: "delivered", notified: told }))
    ).toEqual({
      kind: "settle",
      customer: [],
      merchant: null,
      merchant_late: null,
      mark_delivered: true,
    })
    expect(
      whatIsDue(
        shipment({
          status: "delivered",
          notified: told,
          delivered_marked_at: SENT,
        })
      ).kind
    ).toBe("idle")
  })

  it("sends nothing for statuses without a message (in transit, expired)", () => {
    expect(whatIsDue(shipment({ status: "expired" })).kind).toBe("idle")
  })
})

describe("messagesFor", () => {
  it("sends the customer's message keyed per shipment and status", () => {
    const s = shipment({ status: "exception" })
    const due = { ...settle(whatIsDue(s)), merchant: null }
    expect(messagesFor(s, due, facts())).toEqual([
      {
        kind: "send",
        key: "exception",
        message: {
          name: "autopilot.shipment.problem",
          to: "ann@example.com",
          idempotencyKey: "shipment:ship_1:exception",
          itemId: "ship_1",
          resourceId: "order_1",
          resourceType: "order",
          receiverId: "cus_1",
          data: { ...data, problem: "exception" },
        },
      },
    ])
  })

  it("sends shipped with no problem, about the fulfillment when there is no order", () => {
    const s = shipment({ notified: {}, order_id: null })
    const [step] = messagesFor(s, settle(whatIsDue(s)), facts())
    expect(step).toMatchObject({
      kind: "send",
      key: "shipped",
      message: {
        name: "autopilot.shipment.shipped",
        resourceId: "ful_1",
        resourceType: "fulfillment",
        data,
      },
    })
    expect(step.kind === "send" && step.message.data).not.toHaveProperty(
      "problem"
    )
  })

  it.each<[string, Partial<ShipmentFacts>, Partial<MessageFacts>]>([
    ["the shipment has no_notification", { no_notification: true }, {}],
    [
      "notify_customer is off",
      {},
      { options: { notify_customer: false, notify_merchant: true } },
    ],
    [
      "the order has no email",
      {},
      { order: { email: null, customer_id: null } },
    ],
    ["the order is gone", {}, { order: null }],
  ])("skips the customer's messages when %s", (_why, given, context) => {
    const s = shipment({ notified: {}, status: "out_for_delivery", ...given })
    expect(messagesFor(s, settle(whatIsDue(s)), facts(context))).toEqual([
      { kind: "skip", key: "shipped" },
      { kind: "skip", key: "out_for_delivery" },
    ])
  })

  it("sends all_delivered once per order when the last of several parcels arrives", () => {
    const s = shipment({
      status: "delivered",
      notified: { shipped: SENT, delivered: SENT },
    })
    const all = { ...data, parcels: { total: 2 }, all_delivered: true }
    expect(messagesFor(s, settle(whatIsDue(s)), facts({ data: all }))).toEqual([
      {
        kind: "send",
        key: "all_delivered",
        message: {
          name: "autopilot.shipment.all_delivered",
          to: "ann@example.com",
          idempotencyKey: "order:order_1:all_delivered",
          itemId: "ship_1",
          resourceId: "order_1",
          resourceType: "order",
          receiverId: "cus_1",
          data: all,
        },
      },
    ])
  })

  it.each<[string, Partial<ShipmentFacts>, MessageFacts["data"]]>([
    ["a single parcel", {}, { ...data, all_delivered: true }],
    [
      "parcels still on the way",
      {},
      { ...data, parcels: { total: 2 }, all_delivered: false },
    ],
    [
      "it was sent already",
      { notified: { shipped: SENT, delivered: SENT, all_delivered: SENT } },
      { ...data, parcels: { total: 2 }, all_delivered: true },
    ],
    [
      "the customer gets no messages",
      { no_notification: true },
      { ...data, parcels: { total: 2 }, all_delivered: true },
    ],
  ])("sends no all_delivered for %s", (_why, given, messageData) => {
    const s = shipment({
      status: "delivered",
      notified: { shipped: SENT, delivered: SENT },
      ...given,
    })
    const steps = messagesFor(
      s,
      {
        kind: "settle",
        customer: [],
        merchant: null,
        merchant_late: null,
        mark_delivered: true,
      },
      facts({ data: messageData })
    )
    expect(steps.filter((m) => m.key === "all_delivered")).toEqual([])
  })

  it("sends no all_delivered for a parcel not delivered", () => {
    const s = shipment({ status: "exception" })
    const all = { ...data, parcels: { total: 2 }, all_delivered: true }
    const steps = messagesFor(
      s,
      {
        kind: "settle",
        customer: [],
        merchant: null,
        merchant_late: null,
        mark_delivered: false,
      },
      facts({ data: all })
    )
    expect(steps).toEqual([])
  })

  it("alerts the merchant after the customer's messages", () => {
    const s = shipment({ status: "exception" })
    const steps = messagesFor(s, settle(whatIsDue(s)), facts())
    expect(steps.map((m) => m.key)).toEqual(["exception", "merchant:exception"])
    expect(steps[1]).toEqual({
      kind: "send",
      key: "merchant:exception",
      message: {
        name: "autopilot.merchant.shipment_problem",
        to: "shop@example.com",
        idempotencyKey: "shipment:ship_1:exception:merchant",
        itemId: "ship_1",
        resourceId: "order_1",
        resourceType: "order",
        data: {
          ...data,
          subject: "A parcel of order #42 has a problem",
          customer_email: "ann@example.com",
        },
      },
    })
  })

  it("tells the merchant a parcel is going back, by order id without a display id", () => {
    const s = shipment({ status: "returned_to_sender" })
    const [step] = messagesFor(
      s,
      settle(whatIsDue(s)),
      facts({ data: { ...data, order_display_id: null }, order: null })
    )
    expect(step).toMatchObject({
      kind: "send",
      message: {
        data: {
          subject: "A parcel of order #order_1 is going back to you",
          customer_email: null,
        },
      },
    })
  })

  it.each<[string, Partial<MessageFacts>]>([
    [
      "notify_merchant is off",
      { options: { notify_customer: true, notify_merchant: false } },
    ],
    ["there is no merchant email", { merchant_email: null }],
  ])("skips the merchant's alert when %s", (_why, context) => {
    const s = shipment({ status: "returned_to_sender" })
    expect(messagesFor(s, settle(whatIsDue(s)), facts(context))).toEqual([
      { kind: "skip", key: "merchant:returned_to_sender" },
    ])
  })
})

describe("deliveryAction", () => {
  it("waits while a parcel of the fulfillment is on the way", () => {
    expect(deliveryAction(["delivered", "in_transit"], null, "order_1")).toBe(
      "wait"
    )
  })

  it("only records the mark when Medusa has a delivery already", () => {
    expect(deliveryAction(["delivered"], SENT, "order_1")).toBe("record")
  })

  it("only records the mark without an order", () => {
    expect(deliveryAction(["delivered"], null, null)).toBe("record")
  })

  it("marks the fulfillment delivered in Medusa once all parcels are", () => {
    expect(deliveryAction(["delivered", "delivered"], null, "order_1")).toBe(
      "mark"
    )
  })
})

describe("settledWrites", () => {
  const notified = { shipped: SENT }

  it("keeps the shipment pending while a message did not go out", () => {
    expect(settledWrites(shipment(), [], notified, false, null)).toEqual([
      { id: "ship_1", notified, notify_pending: true },
    ])
    expect(settledWrites(shipment(), [], notified, true, null)).toEqual([
      { id: "ship_1", notified, notify_pending: false },
    ])
  })

  it("stamps the delivered mark on every unmarked parcel of the fulfillment", () => {
    const mark = new Date(SENT)
    const parcels = [
      shipment(),
      shipment({ id: "ship_2" }),
      shipment({ id: "ship_3", delivered_marked_at: SENT }),
      shipment({ id: "ship_4", fulfillment_id: "ful_2" }),
    ]
    expect(settledWrites(shipment(), parcels, notified, true, mark)).toEqual([
      {
        id: "ship_1",
        notified,
        notify_pending: false,
        delivered_marked_at: mark,
      },
      { id: "ship_2", delivered_marked_at: mark },
    ])
  })

  it("stamps the shipment itself when no parcels were read", () => {
    const mark = new Date(SENT)
    expect(settledWrites(shipment(), [], notified, true, mark)).toEqual([
      {
        id: "ship_1",
        notified,
        notify_pending: false,
        delivered_marked_at: mark,
      },
    ])
  })
})
