import { type ConsentTrace, unsubscribeStands } from "../utils/consent"

const at = (day: number) => new Date(Date.UTC(2026, 0, day))
const sub = (trace: Partial<ConsentTrace>): ConsentTrace => ({
  status: "active",
  unsubscribed_at: null,
  confirmed_at: null,
  ...trace,
})

describe("unsubscribeStands", () => {
  it("is false for an address that never unsubscribed", () => {
    expect(unsubscribeStands([])).toBe(false)
    expect(
      unsubscribeStands([
        sub({ status: "notified" }),
        sub({ status: "expired", confirmed_at: at(1) }),
      ])
    ).toBe(false)
  })

  it("is true after an unsubscribe, in any of the address's subscriptions", () => {
    expect(
      unsubscribeStands([
        sub({ status: "unsubscribed", unsubscribed_at: at(2) }),
      ])
    ).toBe(true)
    // Another channel's subscription said no: it counts for this variant.
    expect(
      unsubscribeStands([
        sub({ status: "notified" }),
        sub({ status: "unsubscribed", unsubscribed_at: at(2) }),
      ])
    ).toBe(true)
    // Unsubscribed without a date: still a no.
    expect(
      unsubscribeStands([sub({ status: "unsubscribed", confirmed_at: at(9) })])
    ).toBe(true)
  })

  it("outlives an unconfirmed signup that expired or waits", () => {
    expect(
      unsubscribeStands([sub({ status: "expired", unsubscribed_at: at(2) })])
    ).toBe(true)
    expect(
      unsubscribeStands([
        sub({ status: "pending_confirmation", unsubscribed_at: at(2) }),
      ])
    ).toBe(true)
  })

  it("ends with a confirmation later than the unsubscribe, not an earlier one", () => {
    expect(
      unsubscribeStands([
        sub({
          status: "unsubscribed",
          unsubscribed_at: at(2),
          confirmed_at: at(1),
        }),
      ])
    ).toBe(true)
    expect(
      unsubscribeStands([
        sub({ status: "unsubscribed", unsubscribed_at: at(2) }),
        sub({ status: "active", confirmed_at: at(3) }),
      ])
    ).toBe(false)
  })
})
