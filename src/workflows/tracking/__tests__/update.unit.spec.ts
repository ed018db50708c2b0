import type { CanonicalStatus, TrackingEvent } from "../../../carriers"
import {
  dedupeKey,
  estimateIsCurrent,
  nextCheckAt,
  planUpdate,
  type ShipmentSnapshot,
} from "../utils/update"

const HOUR = 3_600_000
const t0 = new Date("2026-11-01T00:00:00.000Z")
const at = (h: number) => new Date(t0.getTime() + h * HOUR)
const ev = (status: CanonicalStatus, h: number): TrackingEvent => ({
  status,
  raw_status: `raw:${status}`,
  message: status,
  location: null,
  occurred_at: at(h),
})
const shipment = (over: Partial<ShipmentSnapshot> = {}): ShipmentSnapshot => ({
  id: "apship_1",
  status: "pending",
  progress_status: "pending",
  last_event_at: null,
  last_checked_at: null,
  started_at: t0,
  tracking_url: null,
  carrier: null,
  ...over,
})
const quiet = {
  pending: 6,
  info_received: 24,
  in_transit: 12,
  out_for_delivery: 2,
}

describe("planUpdate: lateness", () => {
  const plan = (
    lateness: "delayed" | "stalled" | null,
    events: TrackingEvent[],
    known = new Set<string>()
  ) =>
    planUpdate(
      shipment({
        status: "in_transit",
        progress_status: "in_transit",
        lateness,
      }),
      events,
      known,
      { source: "poll", now: at(200), quietHours: quiet }
    ).patch

  it("a new carrier event clears stalled", () => {
    expect(plan("stalled", [ev("in_transit", 190)])).toMatchObject({
      lateness: null,
      late_since: null,
    })
  })

  it("a new event keeps delayed; delivery clears it", () => {
    expect(plan("delayed", [ev("in_transit", 190)])).not.toHaveProperty(
      "lateness"
    )
    expect(plan("delayed", [ev("delivered", 190)])).toMatchObject({
      lateness: null,
      late_since: null,
    })
  })

  it("a scan in the same status is recorded as news and clears stalled", () => {
    const patch = plan("stalled", [ev("in_transit", 190)])
    expect(patch.last_carrier_event_at).toEqual(at(190))
    expect(patch).not.toHaveProperty("status")
  })

  it("an event older than the latest seen is no news", () => {
    const patch = planUpdate(
      shipment({
        status: "in_transit",
        progress_status: "in_transit",
        lateness: "stalled",
        last_carrier_event_at: at(195),
      }),
      [ev("in_transit", 190)],
      new Set(),
      { source: "poll", now: at(200), quietHours: quiet }
    ).patch
    expect(patch).not.toHaveProperty("lateness")
    expect(patch).not.toHaveProperty("last_carrier_event_at")
  })

  it("a replayed event clears nothing", () => {
    const e = ev("in_transit", 190)
    expect(plan("stalled", [e], new Set([dedupeKey(e)]))).not.toHaveProperty(
      "lateness"
    )
  })
})

describe("planUpdate: the delivery estimate", () => {
  const plan = (
    estimated_delivery_at: Date | null,
    estimated_delivery: Date | null | undefined
  ) =>
    planUpdate(shipment({ estimated_delivery_at }), [], new Set(), {
      source: "poll",
      now: at(6),
      quietHours: quiet,
      estimated_delivery,
    }).patch

  it("stores a new or changed estimate, even with no new event", () => {
    expect(plan(null, at(72)).estimated_delivery_at).toEqual(at(72))
    expect(plan(at(48), at(72)).estimated_delivery_at).toEqual(at(72))
  })

  it("keeps the last estimate when the answer gives none or the same", () => {
    expect(plan(at(48), null)).not.toHaveProperty("estimated_delivery_at")
    expect(plan(at(48), undefined)).not.toHaveProperty("estimated_delivery_at")
    expect(plan(at(48), at(48))).not.toHaveProperty("estimated_delivery_at")
  })
})

describe("planUpdate: a late or replayed webhook's estimate", () => {
  const seen = shipment({
    status: "in_transit",
    progress_status: "in_transit",
    last_event_at: at(30),
    last_carrier_event_at: at(40),
    estimated_delivery_at: at(96),
  })
  const webhook = (events: TrackingEvent[], known = new Set<string>()) =>
    planUpdate(seen, events, known, {
      source: "webhook",
      now: at(50),
      quietHours: quiet,
      estimated_delivery: at(72),
    }).patch

  it("a replayed webhook older than the newest event keeps the estimate", () => {
    const old = ev("in_transit", 20)
    expect(webhook([old], new Set([dedupeKey(old)]))).not.toHaveProperty(
      "estimated_delivery_at"
    )
    expect(webhook([ev("info_received", 10)])).not.toHaveProperty(
      "estimated_delivery_at"
    )
  })

  it("a webhook with the newest event (or newer) sets the estimate", () => {
    expect(webhook([ev("in_transit", 40)]).estimated_delivery_at).toEqual(
      at(72)
    )
    expect(
      webhook([ev("in_transit", 20), ev("out_for_delivery", 45)])
        .estimated_delivery_at
    ).toEqual(at(72))
  })

  it("estimateIsCurrent, branch by branch", () => {
    const events = [ev("in_transit", 35)]
    // a poll is the carrier's state now
    expect(estimateIsCurrent(seen, events, "poll")).toBe(true)
    // a webhook without events cannot be placed in time
    expect(estimateIsCurrent(seen, [], "webhook")).toBe(true)
    // newest event 35 h, the shipment has seen 40 h
    expect(estimateIsCurrent(seen, events, "webhook")).toBe(false)
    // last_event_at counts when it is the newer of the two
    expect(
      estimateIsCurrent(
        { last_event_at: at(36), last_carrier_event_at: null },
        events,
        "webhook"
      )
    ).toBe(false)
    // a shipment that has seen nothing takes any webhook's estimate
    expect(
      estimateIsCurrent(
        { last_event_at: null, last_carrier_event_at: null },
        events,
        "webhook"
      )
    ).toBe(true)
  })
})

describe("planUpdate", () => {
  it("applies new events, stores them and schedules the next look by the quiet window", () => {
    const { events, patch, changed } = planUpdate(
      shipment(),
      [ev("info_received", 1), ev("in_transit", 5)],
      new Set(),
      { source: "poll", now: at(6), quietHours: quiet }
    )
    expect(changed).toBe(true)
    expect(events.map((e) => [e.status, e.applied])).toEqual([
      ["info_received", true],
      ["in_transit", true],
    ])
    expect(patch).toMatchObject({
      status: "in_transit",
      progress_status: "in_transit",
      raw_status: "raw:in_transit",
      last_event_at: at(5),
      last_checked_at: at(6),
      // quiet since the check at 6 h: 12 h window for in_transit
      next_check_at: at(18),
    })
    expect(patch.notify_pending).toBeUndefined()
  })

  it("recognises a replayed event by its key and changes nothing", () => {
    const seen = new Set([dedupeKey(ev("in_transit", 5))])
    const { events, patch, changed } = planUpdate(
      shipment({
        status: "in_transit",
        progress_status: "in_transit",
        last_event_at: at(5),
      }),
      [ev("in_transit", 5)],
      seen,
      { source: "webhook", now: at(7), quietHours: quiet }
    )
    expect(changed).toBe(false)
    expect(events).toEqual([])
    expect(patch.status).toBeUndefined()
  })

  it("keeps an out-of-order event in the history without applying it", () => {
    const { events, changed, patch } = planUpdate(
      shipment({
        status: "delivered",
        progress_status: "delivered",
        last_event_at: at(20),
      }),
      [ev("in_transit", 25)],
      new Set(),
      { source: "webhook", now: at(26), quietHours: quiet }
    )
    expect(changed).toBe(false)
    expect(events).toEqual([
      expect.objectContaining({ status: "in_transit", applied: false }),
    ])
    expect(patch).toEqual({ next_check_at: null })
  })

  it("flags a status someone must hear about", () => {
    const { patch } = planUpdate(
      shipment({
        status: "in_transit",
        progress_status: "in_transit",
        last_event_at: at(5),
      }),
      [ev("delivered", 9)],
      new Set(),
      { source: "webhook", now: at(10), quietHours: quiet }
    )
    expect(patch).toMatchObject({
      status: "delivered",
      delivered_at: at(9),
      notify_pending: true,
      next_check_at: null,
    })
  })

  it("nextCheckAt: terminal statuses are never polled", () => {
    for (const s of ["delivered", "returned_to_sender", "expired"] as const) {
      expect(
        nextCheckAt(s, quiet, {
          last_event_at: at(1),
          last_checked_at: null,
          started_at: t0,
        })
      ).toBeNull()
    }
    expect(
      nextCheckAt("out_for_delivery", quiet, {
        last_event_at: at(3),
        last_checked_at: at(1),
        started_at: t0,
      })
    ).toEqual(at(5))
  })
})
