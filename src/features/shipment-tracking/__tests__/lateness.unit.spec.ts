import { messagesFor, type ShipmentFacts, whatIsDue } from "../decide"
import {
  lateAlertKey,
  latenessAfterEvent,
  latenessAt,
  latenessAtExpiry,
  type LatenessFacts,
  latenessWrite,
  shortestStall,
} from "../../../workflows/tracking/utils/lateness"

const HOUR = 3_600_000
const DAY = 24 * HOUR
const T0 = new Date("2026-11-01T00:00:00.000Z")
const at = (ms: number) => new Date(T0.getTime() + ms)

const RULES = {
  stall_days: { pending: 5, in_transit: 7, out_for_delivery: 2 },
  delay_grace_hours: 24,
}

function parcel(overrides: Partial<LatenessFacts> = {}): LatenessFacts {
  return {
    status: "in_transit",
    lateness: null,
    late_since: null,
    estimated_delivery_at: null,
    last_event_at: T0,
    started_at: at(-DAY),
    ...overrides,
  }
}

describe("latenessAt: delayed", () => {
  const estimate = at(3 * DAY)

  it("is on time until the estimate plus the grace hours", () => {
    const p = parcel({ estimated_delivery_at: estimate })
    expect(latenessAt(p, RULES, at(3 * DAY + 23 * HOUR))).toEqual({
      lateness: null,
      late_since: null,
    })
    expect(latenessAt(p, RULES, at(4 * DAY)).lateness).toBeNull()
  })

  it("is delayed past the estimate plus grace, since that moment", () => {
    const p = parcel({ estimated_delivery_at: estimate })
    expect(latenessAt(p, RULES, at(4 * DAY + 1))).toEqual({
      lateness: "delayed",
      late_since: at(4 * DAY),
    })
  })

  it("with no grace, is delayed right after the estimate", () => {
    const p = parcel({ estimated_delivery_at: estimate })
    const rules = { ...RULES, delay_grace_hours: 0 }
    expect(latenessAt(p, rules, at(3 * DAY + 1)).lateness).toBe("delayed")
  })

  it("without an estimate is never delayed", () => {
    expect(latenessAt(parcel(), RULES, at(6 * DAY)).lateness).toBeNull()
  })

  it("stays delayed, with its start, when the carrier moves the estimate later", () => {
    const p = parcel({
      lateness: "delayed",
      late_since: at(4 * DAY),
      estimated_delivery_at: at(10 * DAY),
    })
    expect(latenessAt(p, RULES, at(5 * DAY))).toEqual({
      lateness: "delayed",
      late_since: at(4 * DAY),
    })
  })
})

describe("latenessAt: stalled", () => {
  it("counts the status's stall days from the last carrier event", () => {
    const p = parcel({ status: "in_transit", last_event_at: T0 })
    expect(latenessAt(p, RULES, at(7 * DAY - 1)).lateness).toBeNull()
    expect(latenessAt(p, RULES, at(7 * DAY))).toEqual({
      lateness: "stalled",
      late_since: at(7 * DAY),
    })
  })

  it("a scan in the same status is news too: counts from the latest carrier event", () => {
    const p = parcel({ last_event_at: T0, last_carrier_event_at: at(5 * DAY) })
    expect(latenessAt(p, RULES, at(11 * DAY)).lateness).toBeNull()
    expect(latenessAt(p, RULES, at(12 * DAY))).toEqual({
      lateness: "stalled",
      late_since: at(12 * DAY),
    })
  })

  it("uses each status's own days (out for delivery: 2)", () => {
    const p = parcel({ status: "out_for_delivery" })
    expect(latenessAt(p, RULES, at(2 * DAY)).lateness).toBe("stalled")
  })

  it("counts from the shipping date before any carrier event", () => {
    const p = parcel({ status: "pending", last_event_at: null })
    // started one day before T0: 5 days after it is T0 + 4 days
    expect(latenessAt(p, RULES, at(4 * DAY - 1)).lateness).toBeNull()
    expect(latenessAt(p, RULES, at(4 * DAY))).toEqual({
      lateness: "stalled",
      late_since: at(4 * DAY),
    })
  })

  it("never stalls in a status without stall days", () => {
    const p = parcel({ status: "info_received" })
    expect(latenessAt(p, RULES, at(60 * DAY)).lateness).toBeNull()
  })

  it("wins over delayed while both hold, and keeps its start", () => {
    const p = parcel({
      estimated_delivery_at: at(DAY),
      lateness: "stalled",
      late_since: at(7 * DAY),
    })
    expect(latenessAt(p, RULES, at(9 * DAY))).toEqual({
      lateness: "stalled",
      late_since: at(7 * DAY),
    })
  })

  it("is no longer stalled after a new event; past the estimate it is delayed", () => {
    const p = parcel({
      last_event_at: at(8 * DAY),
      estimated_delivery_at: at(DAY),
    })
    expect(latenessAt(p, RULES, at(9 * DAY))).toEqual({
      lateness: "delayed",
      late_since: at(2 * DAY),
    })
  })
})

describe("latenessAt: delivery and the end of following", () => {
  it("delivery clears both", () => {
    for (const lateness of ["delayed", "stalled"] as const) {
      const p = parcel({
        status: "delivered",
        lateness,
        late_since: T0,
        estimated_delivery_at: at(-5 * DAY),
      })
      expect(latenessAt(p, RULES, at(30 * DAY))).toEqual({
        lateness: null,
        late_since: null,
      })
    }
  })

  it("a return to the sender clears it too (the merchant is told of the return)", () => {
    const p = parcel({ status: "returned_to_sender", lateness: "stalled" })
    expect(latenessAt(p, RULES, at(30 * DAY)).lateness).toBeNull()
  })

  it("an expired parcel keeps what it ended with", () => {
    const p = parcel({
      status: "expired",
      lateness: "stalled",
      late_since: T0,
    })
    expect(latenessAt(p, RULES, at(90 * DAY))).toEqual({
      lateness: "stalled",
      late_since: T0,
    })
  })

  it("following ends stalled: from now, or from when it had already stalled", () => {
    expect(latenessAtExpiry({ lateness: null, late_since: null }, T0)).toEqual({
      lateness: "stalled",
      late_since: T0,
    })
    expect(
      latenessAtExpiry({ lateness: "delayed", late_since: at(-DAY) }, T0)
    ).toEqual({ lateness: "stalled", late_since: T0 })
    expect(
      latenessAtExpiry({ lateness: "stalled", late_since: at(-DAY) }, T0)
    ).toEqual({ lateness: "stalled", late_since: at(-DAY) })
  })
})

describe("latenessAfterEvent", () => {
  it("a parcel on time stays untouched", () => {
    expect(latenessAfterEvent({ lateness: null }, "in_transit", true)).toBe(
      null
    )
  })

  it("a new carrier event clears stalled, not delayed", () => {
    expect(
      latenessAfterEvent({ lateness: "stalled" }, "in_transit", true)
    ).toEqual({ lateness: null, late_since: null })
    expect(
      latenessAfterEvent({ lateness: "delayed" }, "in_transit", true)
    ).toBeNull()
  })

  it("no new event (a replay) clears nothing", () => {
    expect(
      latenessAfterEvent({ lateness: "stalled" }, "in_transit", false)
    ).toBeNull()
  })

  it("delivery clears both", () => {
    expect(
      latenessAfterEvent({ lateness: "delayed" }, "delivered", true)
    ).toEqual({ lateness: null, late_since: null })
  })
})

describe("latenessWrite and the alert key", () => {
  it("writes nothing when nothing changed", () => {
    expect(
      latenessWrite(
        { lateness: "delayed", late_since: T0 },
        { lateness: "delayed", late_since: new Date(T0) }
      )
    ).toBeNull()
    expect(
      latenessWrite(
        { lateness: null, late_since: null },
        { lateness: null, late_since: null }
      )
    ).toBeNull()
  })

  it("a new lateness marks the messages pending; clearing does not", () => {
    expect(
      latenessWrite(
        { lateness: null, late_since: null },
        { lateness: "stalled", late_since: T0 }
      )
    ).toEqual({ lateness: "stalled", late_since: T0, notify_pending: true })
    expect(
      latenessWrite(
        { lateness: "stalled", late_since: T0 },
        { lateness: null, late_since: null }
      )
    ).toEqual({ lateness: null, late_since: null })
  })

  it("keys an episode by kind and start", () => {
    expect(lateAlertKey({ lateness: "delayed", late_since: T0 })).toBe(
      "merchant:delayed:2026-11-01T00:00:00.000Z"
    )
    expect(lateAlertKey({ lateness: null, late_since: null })).toBeNull()
  })

  it("knows the shortest stall window", () => {
    expect(shortestStall(RULES)).toBe(2 * DAY)
    expect(shortestStall({ ...RULES, stall_days: {} })).toBeNull()
  })
})

describe("late messages (whatIsDue, messagesFor)", () => {
  const SENT = "2026-11-01T10:00:00.000Z"
  const late = (overrides: Partial<ShipmentFacts> = {}): ShipmentFacts => ({
    id: "ship_1",
    status: "in_transit",
    order_id: "order_1",
    fulfillment_id: "ful_1",
    no_notification: false,
    notify_pending: true,
    delivered_marked_at: null,
    notified: { shipped: SENT },
    lateness: "delayed",
    late_since: T0.toISOString(),
    ...overrides,
  })
  const facts = (notify_customer_late: boolean) => ({
    order: { email: "ann@example.com", customer_id: "cus_1" },
    data: {
      order_display_id: 42,
      parcels: { total: 1 },
      all_delivered: false,
      estimated_delivery: "2026-10-30T00:00:00.000Z",
    },
    merchant_email: "owner@shop.example.com",
    options: {
      notify_customer: true,
      notify_merchant: true,
      notify_customer_late,
    },
  })

  it("a late parcel calls for the customer's message and the episode's alert", () => {
    expect(whatIsDue(late())).toEqual({
      kind: "settle",
      customer: ["running_late"],
      merchant: null,
      merchant_late: "merchant:delayed:2026-11-01T00:00:00.000Z",
      mark_delivered: false,
    })
  })

  it("once both went out, nothing more is due for that episode", () => {
    const s = late({
      notified: {
        shipped: SENT,
        running_late: SENT,
        "merchant:delayed:2026-11-01T00:00:00.000Z": SENT,
      },
    })
    expect(whatIsDue(s)).toEqual({ kind: "idle", clear_pending: true })
  })

  it("a new episode (stalled) alerts the merchant again, the customer not", () => {
    const s = late({
      lateness: "stalled",
      late_since: "2026-11-09T00:00:00.000Z",
      notified: {
        shipped: SENT,
        running_late: SENT,
        "merchant:delayed:2026-11-01T00:00:00.000Z": SENT,
      },
    })
    expect(whatIsDue(s)).toMatchObject({
      customer: [],
      merchant_late: "merchant:stalled:2026-11-09T00:00:00.000Z",
    })
  })

  it("sends both, keyed, when the customer's message is switched on", () => {
    const s = late()
    const due = whatIsDue(s)
    if (due.kind !== "settle") throw new Error("expected settle")
    const steps = messagesFor(s, due, facts(true))
    expect(steps).toEqual([
      expect.objectContaining({
        kind: "send",
        key: "running_late",
        message: expect.objectContaining({
          name: "autopilot.shipment.running_late",
          to: "ann@example.com",
          idempotencyKey: "shipment:ship_1:running_late",
          data: expect.objectContaining({
            lateness: "delayed",
            estimated_delivery: "2026-10-30T00:00:00.000Z",
          }),
        }),
      }),
      expect.objectContaining({
        kind: "send",
        key: "merchant:delayed:2026-11-01T00:00:00.000Z",
        message: expect.objectContaining({
          name: "autopilot.merchant.shipment_late",
          to: "owner@shop.example.com",
          idempotencyKey:
            "shipment:ship_1:merchant:delayed:2026-11-01T00:00:00.000Z",
          data: expect.objectContaining({
            lateness: "delayed",
            subject: "A parcel of order #42 is late",
          }),
        }),
      }),
    ])
  })

  it("skips the customer's message by default (notify_customer_late off)", () => {
    const s = late({ lateness: "stalled" })
    const due = whatIsDue(s)
    if (due.kind !== "settle") throw new Error("expected settle")
    const steps = messagesFor(s, due, facts(false))
    expect(steps.map((st) => [st.kind, st.key])).toEqual([
      ["skip", "running_late"],
      ["send", "merchant:stalled:2026-11-01T00:00:00.000Z"],
    ])
    const alert = steps[1]
    if (alert.kind !== "send") throw new Error("expected send")
    expect(alert.message.data).toMatchObject({
      subject: "A parcel of order #42 is stuck",
    })
  })

  it("skips the merchant's alert without notify_merchant", () => {
    const s = late()
    const due = whatIsDue(s)
    if (due.kind !== "settle") throw new Error("expected settle")
    const f = facts(false)
    const steps = messagesFor(s, due, {
      ...f,
      options: { ...f.options, notify_merchant: false },
    })
    expect(steps.map((st) => st.kind)).toEqual(["skip", "skip"])
  })
})
