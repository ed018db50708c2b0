import { applyEvents, decide, type ShipmentState } from "../status"
import type { CanonicalStatus, TrackingEvent } from "../types"

const at = (h: number) => new Date(Date.UTC(2026, 10, 1, h))
const ev = (status: CanonicalStatus, hour: number): TrackingEvent => ({
  status,
  raw_status: status,
  message: null,
  location: null,
  occurred_at: at(hour),
})
const state = (
  status: CanonicalStatus,
  progress: CanonicalStatus = status,
  hour: number | null = 10
): ShipmentState => ({
  status,
  progress_status: progress,
  last_event_at: hour === null ? null : at(hour),
})

describe("forward-only status rule", () => {
  it("moves forward along the normal path, whatever the event time", () => {
    expect(decide(state("in_transit"), ev("out_for_delivery", 12)).apply).toBe(
      true
    )
    // Out of order but further along: carriers send events late.
    expect(decide(state("in_transit"), ev("delivered", 5)).apply).toBe(true)
  })

  it("never moves back to an earlier status", () => {
    expect(decide(state("out_for_delivery"), ev("in_transit", 20)).apply).toBe(
      false
    )
    expect(decide(state("in_transit"), ev("info_received", 20)).apply).toBe(
      false
    )
    expect(decide(state("in_transit"), ev("pending", 20)).apply).toBe(false)
  })

  it("never moves a terminal shipment", () => {
    for (const terminal of [
      "delivered",
      "returned_to_sender",
      "expired",
    ] as const) {
      expect(decide(state(terminal), ev("exception", 30)).apply).toBe(false)
      expect(decide(state(terminal), ev("in_transit", 30)).apply).toBe(false)
    }
  })

  it("takes a problem only when it is newer than the current status", () => {
    expect(decide(state("in_transit"), ev("exception", 11)).apply).toBe(true)
    expect(decide(state("in_transit"), ev("exception", 9)).apply).toBe(false)
    expect(
      decide(state("out_for_delivery"), ev("attempt_failed", 12)).apply
    ).toBe(true)
  })

  it("lets progress follow an exception", () => {
    const s = state("exception", "in_transit", 12)
    // Same progress level, newer: the parcel moves again.
    expect(decide(s, ev("in_transit", 13)).apply).toBe(true)
    // The same level but older than the exception: stale.
    expect(decide(s, ev("in_transit", 11)).apply).toBe(false)
    expect(decide(s, ev("delivered", 14)).apply).toBe(true)
  })

  it("leaves expiry to max_tracking_days", () => {
    expect(decide(state("in_transit"), ev("expired", 30)).apply).toBe(false)
  })

  it("applies a batch in time order and reports which events moved it", () => {
    const events = [
      ev("delivered", 14),
      ev("in_transit", 9),
      ev("out_for_delivery", 12),
      ev("in_transit", 15),
    ]
    const { state: end, applied } = applyEvents(
      state("pending", "pending", null),
      events
    )
    expect(end).toEqual({
      status: "delivered",
      progress_status: "delivered",
      last_event_at: at(14),
    })
    expect([...applied].map((e) => e.status)).toEqual([
      "in_transit",
      "out_for_delivery",
      "delivered",
    ])
  })
})
