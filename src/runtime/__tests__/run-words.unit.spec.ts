import {
  describeAction,
  describeOutcome,
  describeTrigger,
  plural,
} from "../run-words"

describe("plural", () => {
  it("counts one and many", () => {
    expect(plural(1, "run")).toBe("1 run")
    expect(plural(2, "run")).toBe("2 runs")
    expect(plural(0, "address", "addresses")).toBe("0 addresses")
  })
})

describe("describeAction", () => {
  it("says what a dry run would do, in words", () => {
    expect(
      describeAction(
        "inventory-reconciliation",
        "would-fix:reserved_drift",
        1,
        true
      )
    ).toBe("Would fix 1 reserved-quantity drift")
    expect(
      describeAction(
        "inventory-reconciliation",
        "finding:reserved_drift",
        2,
        true
      )
    ).toBe("Would record 2 reserved-quantity drifts")
    expect(
      describeAction(
        "inventory-reconciliation",
        "notify:autopilot.merchant.low_stock",
        1,
        true
      )
    ).toBe("Would send 1 low-stock digest to the shop")
  })

  it("says what a real run did", () => {
    expect(
      describeAction(
        "inventory-reconciliation",
        "fixed:reserved_drift",
        3,
        false
      )
    ).toBe("Fixed 3 reserved-quantity drifts")
    expect(
      describeAction(
        "cart-reminders",
        "notify:autopilot.cart.reminder",
        1,
        false
      )
    ).toBe("Sent 1 cart reminder")
  })

  it("treats would- actions as dry whatever the run says", () => {
    expect(
      describeAction("cart-reminders", "would-remind:step-2", 4, false)
    ).toBe("Would send 4 reminders (step 2)")
    expect(describeAction("cart-pruning", "would-prune-empty", 1, false)).toBe(
      "Would prune 1 empty cart"
    )
  })

  it("names the same action by its job", () => {
    expect(describeAction("shipment-tracking", "expire", 2, false)).toBe(
      "Stopped following 2 parcels"
    )
    expect(describeAction("restock-alerts", "expire", 1, false)).toBe(
      "Expired 1 back-in-stock signup"
    )
    expect(describeAction("shipment-tracking", "check", 1, true)).toBe(
      "Would check 1 parcel"
    )
    expect(describeAction("payment-recovery", "check", 2, false)).toBe(
      "Checked 2 payments"
    )
  })

  it("puts parcel statuses and findings gone in sentences", () => {
    expect(
      describeAction("shipment-tracking", "status:out_for_delivery", 1, false)
    ).toBe("1 parcel is now out for delivery")
    expect(
      describeAction("shipment-tracking", "status:delivered", 2, true)
    ).toBe("2 parcels would now be delivered")
    expect(
      describeAction("shipment-tracking", "status:attempt_failed", 1, false)
    ).toBe("1 parcel is now waiting after a failed delivery attempt")
    expect(
      describeAction("shipment-tracking", "mark_delivered", 2, false)
    ).toBe("Marked 2 fulfillments delivered in Medusa")
    expect(
      describeAction("inventory-reconciliation", "resolved", 1, false)
    ).toBe("1 finding was no longer found")
  })

  it("falls back to the action in words, never a code", () => {
    const text = describeAction("any", "some_new:thing-here", 3, true)
    expect(text).toBe("Would some new thing here: 3")
    expect(text).not.toMatch(/_|\w:\w/)
  })
})

describe("describeOutcome", () => {
  const counters = { scanned: 5, changed: 2, skipped: 1, failed: 0 }

  it("never says a dry run changed something", () => {
    expect(describeOutcome(counters, true)).toBe("Would change 2 items")
    expect(describeOutcome({ ...counters, changed: 0 }, true)).toBe(
      "Would change nothing"
    )
  })

  it("says what a real run changed", () => {
    expect(describeOutcome({ ...counters, changed: 1 }, false)).toBe(
      "Changed 1 item"
    )
    expect(describeOutcome({ ...counters, changed: 0 }, false)).toBe(
      "Changed nothing"
    )
  })
})

describe("describeTrigger", () => {
  it("names who started a run", () => {
    expect(describeTrigger("manual", "ada@shop.test")).toBe(
      "Run by ada@shop.test"
    )
    expect(describeTrigger("api", 'API key "Nightly"')).toBe(
      'Run by API key "Nightly"'
    )
  })

  it("says how a run started without anyone", () => {
    expect(describeTrigger("schedule", null)).toBe("Scheduled")
    expect(describeTrigger("catch_up", null)).toBe("Catch-up of a missed slot")
    expect(describeTrigger("manual", null)).toBe("Run from the admin")
    expect(describeTrigger("api", null)).toBe("Run through the API")
  })
})
