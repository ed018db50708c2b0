import {
  formatDay,
  formatMoney,
  formatPeriod,
  formatProvider,
  formatTotals,
  plural,
} from "../format"

describe("overview formatting", () => {
  it("writes days as the Medusa admin does", () => {
    expect(formatDay("2026-12-05")).toBe("Dec 5, 2026")
  })

  it("names the period with the year once, or twice across a year end", () => {
    expect(formatPeriod("2026-11-07", "2026-12-06")).toBe("Nov 7 – Dec 6, 2026")
    expect(formatPeriod("2026-12-20", "2027-01-18")).toBe(
      "Dec 20, 2026 – Jan 18, 2027"
    )
  })

  it("writes money in its currency, totals side by side", () => {
    expect(formatMoney(1234.5, "eur")).toBe("€1,234.50")
    expect(formatTotals([])).toBe("—")
    expect(
      formatTotals([
        { currency_code: "eur", amount: 89 },
        { currency_code: "usd", amount: 10.5 },
      ])
    ).toBe("€89.00 · $10.50")
  })

  it("keeps an unknown currency code readable", () => {
    expect(formatMoney(5, "zz")).toBe("5.00 ZZ")
  })

  it("names payment providers as the rest of the admin does", () => {
    expect(formatProvider("pp_stripe_stripe")).toBe("Stripe")
    expect(formatProvider("pp_autopilot-sandbox_sandbox")).toBe(
      "Autopilot sandbox (sandbox)"
    )
    expect(formatProvider("pp_system_default")).toBe("Manual payment")
  })

  it("gets plurals right", () => {
    expect(plural(1, "order")).toBe("1 order")
    expect(plural(0, "order")).toBe("0 orders")
    expect(plural(1200, "fix", "fixes")).toBe("1,200 fixes")
  })
})
