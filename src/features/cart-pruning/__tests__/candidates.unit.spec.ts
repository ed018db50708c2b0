import {
  type CartFacts,
  classOf,
  decide,
  KEPT_CHANGED,
  keptAction,
  prunableOf,
} from "../candidates"
import { wantsCartIndexes } from "../../../lib/sql/cart-indexes"

const HOUR = 3_600_000
const DAY = 24 * HOUR
const lifetimes = { empty_hours: 6, anonymous_days: 30, customer_days: 90 }
const now = new Date("2026-11-27T12:00:00Z")

function cart(overrides: Partial<CartFacts> = {}): CartFacts {
  return {
    id: "cart_1",
    email: "Ann@Example.com",
    customer_id: null,
    item_count: 1,
    last_active_at: new Date(now.getTime() - 100 * DAY),
    completed: false,
    order_id: null,
    live_payment: false,
    payment_collection_ids: [],
    address_ids: ["caaddr_1"],
    has_credit_lines: false,
    blocked_ms: null,
    ...overrides,
  }
}

describe("cart pruning decisions", () => {
  it("classifies by items, then email or customer", () => {
    expect(classOf({ item_count: 0, email: "a@b.c", customer_id: null })).toBe(
      "empty"
    )
    expect(classOf({ item_count: 2, email: null, customer_id: null })).toBe(
      "anonymous"
    )
    expect(classOf({ item_count: 2, email: null, customer_id: "cus_1" })).toBe(
      "customer"
    )
    expect(classOf({ item_count: 2, email: "a@b.c", customer_id: null })).toBe(
      "customer"
    )
  })

  it("never prunes a cart with an order, a completion or a live payment", () => {
    expect(decide(cart({ order_id: "order_1" }), now, lifetimes).kind).toBe(
      "completed"
    )
    expect(decide(cart({ completed: true }), now, lifetimes).kind).toBe(
      "completed"
    )
    expect(decide(cart({ live_payment: true }), now, lifetimes).kind).toBe(
      "live_payment"
    )
  })

  it("keeps each class until its lifetime has passed", () => {
    const at = (ms: number) => new Date(now.getTime() - ms)
    const empty = { item_count: 0 }
    expect(
      decide(cart({ ...empty, last_active_at: at(5 * HOUR) }), now, lifetimes)
    ).toEqual({ kind: "young", cls: "empty" })
    expect(
      decide(cart({ ...empty, last_active_at: at(7 * HOUR) }), now, lifetimes)
    ).toEqual({ kind: "prune", cls: "empty" })
    const anon = { email: null }
    expect(
      decide(cart({ ...anon, last_active_at: at(29 * DAY) }), now, lifetimes)
        .kind
    ).toBe("young")
    expect(
      decide(cart({ ...anon, last_active_at: at(31 * DAY) }), now, lifetimes)
    ).toEqual({ kind: "prune", cls: "anonymous" })
    expect(
      decide(cart({ last_active_at: at(89 * DAY) }), now, lifetimes).kind
    ).toBe("young")
    expect(
      decide(cart({ last_active_at: at(91 * DAY) }), now, lifetimes)
    ).toEqual({ kind: "prune", cls: "customer" })
  })

  it("archives a lead only for carts with an email or a customer", () => {
    expect(prunableOf(cart())).toEqual({
      id: "cart_1",
      archive_lead: true,
      has_credit_lines: false,
      address_ids: ["caaddr_1"],
      payment_collection_ids: [],
    })
    expect(prunableOf(cart({ email: null })).archive_lead).toBe(false)
    expect(
      prunableOf(cart({ email: null, customer_id: "cus_1" })).archive_lead
    ).toBe(true)
  })
})

describe("keptAction", () => {
  const planned = now.getTime() - HOUR
  const old = new Date(now.getTime() - 100 * DAY)
  it("names nothing for a cart that is pruned", () => {
    const c = cart({ blocked_ms: now.getTime() })
    expect(keptAction({ kind: "prune", cls: "customer" }, c, planned)).toBe(
      null
    )
  })
  it("counts an order or payment that appeared after the plan as a change", () => {
    const c = cart({ order_id: "order_1", blocked_ms: planned + 1 })
    expect(keptAction(decide(c, now, lifetimes), c, planned)).toBe(KEPT_CHANGED)
    const p = cart({ live_payment: true, blocked_ms: planned + 1 })
    expect(keptAction(decide(p, now, lifetimes), p, planned)).toBe(KEPT_CHANGED)
  })
  it("counts activity after the plan as a change", () => {
    const c = cart({ last_active_at: new Date(planned + 1) })
    expect(keptAction(decide(c, now, lifetimes), c, planned)).toBe(KEPT_CHANGED)
  })
  it("names a payment held since before the plan as a live payment", () => {
    const c = cart({
      live_payment: true,
      blocked_ms: old.getTime(),
      last_active_at: old,
    })
    expect(keptAction(decide(c, now, lifetimes), c, planned)).toBe(
      "kept-live-payment"
    )
  })
  it("names nothing for an order or a young cart from before the plan", () => {
    const o = cart({ completed: true, blocked_ms: old.getTime() })
    expect(keptAction(decide(o, now, lifetimes), o, planned)).toBe(null)
    const y = cart({ last_active_at: new Date(planned - DAY) })
    expect(decide(y, now, lifetimes).kind).toBe("young")
    expect(keptAction(decide(y, now, lifetimes), y, planned)).toBe(null)
  })
})

describe("wantsCartIndexes", () => {
  it("reads add_indexes from the autopilot module's options, default on", () => {
    expect(wantsCartIndexes(undefined)).toBe(true)
    expect(wantsCartIndexes({ autopilot: { options: {} } })).toBe(true)
    expect(
      wantsCartIndexes({
        autopilot: {
          options: {
            jobs: { "cart-pruning": { options: { add_indexes: false } } },
          },
        },
      })
    ).toBe(false)
    expect(
      wantsCartIndexes({
        x: {
          resolve:
            "medusa-plugin-autopilot/.medusa/server/src/modules/autopilot",
          options: {
            jobs: { "cart-pruning": { options: { add_indexes: false } } },
          },
        },
      })
    ).toBe(false)
  })
})
