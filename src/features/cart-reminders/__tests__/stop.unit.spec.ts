import type { StopReason } from "../sequence"
import {
  checkReminder,
  type ReminderCartFacts,
  type ReminderFacts,
  stopEffect,
} from "../stop"

const H = 3_600_000
const at = (hours: number) => new Date(Date.UTC(2026, 0, 1) + hours * H)
const sequence = { steps: [60, 1440, 4320], stop_after_ms: 168 * H }
// Step 0 is due: the cart has been idle 2 h.
const now = at(2)

function facts(
  cart: Partial<ReminderCartFacts> | null = {},
  rest: Partial<Omit<ReminderFacts, "cart">> = {}
): ReminderFacts {
  return {
    cart: cart && {
      state: "open",
      email: "ann@example.com",
      item_count: 2,
      last_active_at: at(0),
      consent_given: true,
      ...cart,
    },
    seen_until: at(0),
    ...rest,
  }
}

const allClear = {
  unsubscribed: false,
  ordered_since: false,
  payment_in_flight: false,
  purchasable: true,
}

describe("checkReminder", () => {
  it("sends once every check passed", () => {
    expect(checkReminder(facts({}, allClear), 0, now, sequence)).toEqual({
      kind: "send",
    })
  })

  it.each<[string, ReminderFacts, StopReason]>([
    ["the cart is gone", facts(null, allClear), "cart_gone"],
    [
      "the cart became an order",
      facts({ state: "completed" }, allClear),
      "completed",
    ],
    ["the cart lost its email", facts({ email: null }, allClear), "no_email"],
    ["the cart was emptied", facts({ item_count: 0 }, allClear), "empty"],
    [
      "the email unsubscribed",
      facts({}, { ...allClear, unsubscribed: true }),
      "unsubscribed",
    ],
    [
      "consent is missing",
      facts({ consent_given: false }, allClear),
      "no_consent",
    ],
    [
      "the shopper ordered since",
      facts({}, { ...allClear, ordered_since: true }),
      "ordered_since",
    ],
    [
      "a payment of the cart is in flight at a provider",
      facts({}, { ...allClear, payment_in_flight: true }),
      "payment_in_flight",
    ],
    [
      "an item can no longer be bought",
      facts({}, { ...allClear, purchasable: false }),
      "unavailable",
    ],
  ])("stops when %s", (_why, given, reason) => {
    expect(checkReminder(given, 0, now, sequence)).toEqual({
      kind: "stop",
      reason,
    })
  })

  it("stops a cart touched after its row was written, with no step due from then", () => {
    const touched = facts({ last_active_at: at(1.5) }, allClear)
    expect(checkReminder(touched, 0, now, sequence)).toEqual({
      kind: "stop",
      reason: "active_again",
    })
  })

  it("sends to a touched cart when a step is due from its new activity", () => {
    // Row written at 0 h, cart touched at 0.5 h: step 0 is due at 1.5 h.
    const touched = facts({ last_active_at: at(0.5) }, allClear)
    expect(checkReminder(touched, 0, now, sequence).kind).toBe("send")
  })

  it("counts the row's own update time as seen", () => {
    const seen = facts({ last_active_at: at(1.5) }, { ...allClear })
    seen.seen_until = at(1.5)
    expect(checkReminder(seen, 0, now, sequence).kind).toBe("send")
  })

  it("stops a later step whose delay has not passed since the touch", () => {
    // Step 2 (72 h) is due from 0 h but not from the 60 h touch.
    const touched = facts({ last_active_at: at(60) }, allClear)
    expect(checkReminder(touched, 2, at(73), sequence)).toEqual({
      kind: "stop",
      reason: "active_again",
    })
  })

  it("looks up the opt-out, then the orders, then the payments, then the stock, one at a time", () => {
    expect(checkReminder(facts(), 0, now, sequence)).toEqual({
      kind: "look_up",
      fact: "unsubscribed",
    })
    expect(
      checkReminder(facts({}, { unsubscribed: false }), 0, now, sequence)
    ).toEqual({ kind: "look_up", fact: "ordered_since" })
    expect(
      checkReminder(
        facts({}, { unsubscribed: false, ordered_since: false }),
        0,
        now,
        sequence
      )
    ).toEqual({ kind: "look_up", fact: "payment_in_flight" })
    expect(
      checkReminder(
        facts(
          {},
          {
            unsubscribed: false,
            ordered_since: false,
            payment_in_flight: false,
          }
        ),
        0,
        now,
        sequence
      )
    ).toEqual({ kind: "look_up", fact: "purchasable" })
  })

  it("reports a payment in flight before looking up the stock", () => {
    expect(
      checkReminder(
        facts(
          {},
          { unsubscribed: false, ordered_since: false, payment_in_flight: true }
        ),
        0,
        now,
        sequence
      )
    ).toEqual({ kind: "stop", reason: "payment_in_flight" })
  })

  it("looks nothing up for a cart the cheap checks already stop", () => {
    expect(checkReminder(facts({ item_count: 0 }), 0, now, sequence)).toEqual({
      kind: "stop",
      reason: "empty",
    })
  })

  it("reports no consent before looking up orders or stock", () => {
    expect(
      checkReminder(
        facts({ consent_given: false }, { unsubscribed: false }),
        0,
        now,
        sequence
      )
    ).toEqual({ kind: "stop", reason: "no_consent" })
  })

  it("reports an opt-out before missing consent", () => {
    expect(
      checkReminder(
        facts({ consent_given: false }, { unsubscribed: true }),
        0,
        now,
        sequence
      )
    ).toEqual({ kind: "stop", reason: "unsubscribed" })
  })
})

describe("stopEffect", () => {
  it("marks a gone cart's row deleted", () => {
    expect(stopEffect("cart_gone", false)).toBe("mark_deleted")
  })

  it("leaves the row of an opt-out or a missing consent alone", () => {
    expect(stopEffect("unsubscribed", true)).toBe("none")
    expect(stopEffect("no_consent", true)).toBe("none")
  })

  it.each<StopReason>([
    "completed",
    "no_email",
    "empty",
    "active_again",
    "ordered_since",
    "payment_in_flight",
    "unavailable",
    "in_progress",
  ])("refreshes the row from the cart after %s", (reason) => {
    expect(stopEffect(reason, true)).toBe("refresh")
  })

  it("refreshes nothing when no cart was read", () => {
    expect(stopEffect("in_progress", false)).toBe("none")
  })
})
