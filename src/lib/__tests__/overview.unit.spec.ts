import {
  dailySeries,
  isAttributed,
  overviewWindow,
  recoveredBySteps,
  totalsByCurrency,
} from "../overview"

const DAY = 86_400_000

describe("overviewWindow", () => {
  it("runs from the start of the first UTC day to now, today included", () => {
    const now = new Date("2026-12-06T15:30:00Z")
    const { from, to, dates } = overviewWindow(7, now)
    expect(from.toISOString()).toBe("2026-11-30T00:00:00.000Z")
    expect(to).toBe(now)
    expect(dates).toEqual([
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
      "2026-12-06",
    ])
  })

  it("has one date per day across a month and a year end", () => {
    const { dates } = overviewWindow(90, new Date("2027-01-15T00:00:01Z"))
    expect(dates).toHaveLength(90)
    expect(dates[0]).toBe("2026-10-18")
    expect(dates.at(-1)).toBe("2027-01-15")
    expect(new Set(dates).size).toBe(90)
  })

  it("is only today for one day", () => {
    const { from, dates } = overviewWindow(1, new Date("2026-12-06T00:00:00Z"))
    expect(from.toISOString()).toBe("2026-12-06T00:00:00.000Z")
    expect(dates).toEqual(["2026-12-06"])
  })
})

describe("dailySeries", () => {
  const dates = ["2026-12-04", "2026-12-05", "2026-12-06"]

  it("puts each row's count on its day and adds rows of the same day", () => {
    expect(
      dailySeries(dates, [
        { day: "2026-12-06", n: 2 },
        { day: "2026-12-04", n: 1 },
        { day: "2026-12-06", n: 3 },
      ])
    ).toEqual([1, 0, 5])
  })

  it("ignores days outside the period and reads counts sent as text", () => {
    expect(
      dailySeries(dates, [
        { day: "2026-12-03", n: 9 },
        { day: "2026-12-05", n: "4" as unknown as number },
      ])
    ).toEqual([0, 4, 0])
  })
})

describe("totalsByCurrency", () => {
  it("adds amounts per currency, exactly, largest first", () => {
    expect(
      totalsByCurrency([
        { currency_code: "eur", amount: "0.1" },
        { currency_code: "EUR", amount: "0.2" },
        { currency_code: "usd", amount: 12.5 },
        { currency_code: "eur", amount: "10" },
      ])
    ).toEqual([
      { currency_code: "usd", amount: 12.5 },
      { currency_code: "eur", amount: 10.3 },
    ])
  })

  it("leaves out rows without a currency or an amount", () => {
    expect(
      totalsByCurrency([
        { currency_code: "", amount: "5" },
        { currency_code: null, amount: "5" },
        { currency_code: "eur", amount: null },
        { currency_code: "eur", amount: "abc" },
      ])
    ).toEqual([])
  })
})

describe("recoveredBySteps", () => {
  it("adds carts per reminder step, in step order", () => {
    expect(
      recoveredBySteps([
        { step: 2, n: 1 },
        { step: 1, n: 3 },
        { step: 2, n: 4 },
      ])
    ).toEqual([
      { step: 1, carts: 3 },
      { step: 2, carts: 5 },
    ])
  })
})

describe("isAttributed", () => {
  const alert = new Date("2026-12-01T10:00:00Z")

  it("counts an order within the window, the last moment included", () => {
    expect(isAttributed(alert, new Date(alert.getTime() + DAY), 7)).toBe(true)
    expect(isAttributed(alert, new Date(alert.getTime() + 7 * DAY), 7)).toBe(
      true
    )
  })

  it("does not count an order after the window or before the alert", () => {
    expect(
      isAttributed(alert, new Date(alert.getTime() + 7 * DAY + 1), 7)
    ).toBe(false)
    expect(isAttributed(alert, new Date(alert.getTime() - 1), 7)).toBe(false)
  })

  it("follows a shorter window", () => {
    expect(isAttributed(alert, new Date(alert.getTime() + 3 * DAY), 2)).toBe(
      false
    )
  })
})
