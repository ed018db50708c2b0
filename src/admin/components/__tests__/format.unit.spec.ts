import {
  formatDate,
  formatDateTime,
  formatSchedule,
  plural,
  relativeTime,
} from "../format"

describe("plural", () => {
  it("says 1 run and 5 runs", () => {
    expect(plural(1, "run")).toBe("1 run")
    expect(plural(5, "run")).toBe("5 runs")
    expect(plural(0, "run")).toBe("0 runs")
  })

  it("takes an irregular plural", () => {
    expect(plural(2, "address", "addresses")).toBe("2 addresses")
  })
})

describe("formatDate / formatDateTime", () => {
  const at = new Date(2026, 11, 5, 15, 4)

  it("writes a day as the Medusa admin does", () => {
    expect(formatDate(at.toISOString())).toBe("Dec 5, 2026")
  })

  it("writes a moment with its time", () => {
    expect(formatDateTime(at.toISOString())).toBe("Dec 5, 2026, 3:04 PM")
  })

  it("shows a dash for nothing or nonsense", () => {
    expect(formatDate(null)).toBe("—")
    expect(formatDateTime("not a date")).toBe("—")
  })
})

describe("relativeTime", () => {
  const now = Date.UTC(2026, 11, 5, 12)

  it("counts minutes, hours and days with the right plural", () => {
    expect(relativeTime(new Date(now - 5 * 60_000).toISOString(), now)).toBe(
      "5 min ago"
    )
    expect(relativeTime(new Date(now - 3_600_000).toISOString(), now)).toBe(
      "1 hour ago"
    )
    expect(
      relativeTime(new Date(now + 2 * 86_400_000).toISOString(), now)
    ).toBe("in 2 days")
  })

  it("says just now for the last moments", () => {
    expect(relativeTime(new Date(now - 3000).toISOString(), now)).toBe(
      "just now"
    )
  })

  it("gives the date past a week", () => {
    expect(
      relativeTime(new Date(now - 30 * 86_400_000).toISOString(), now)
    ).toBe(formatDate(new Date(now - 30 * 86_400_000)))
  })
})

describe("formatSchedule", () => {
  it("puts the jobs' default schedules in words", () => {
    expect(formatSchedule("*/5 * * * *")).toBe("every 5 minutes")
    expect(formatSchedule("*/15 * * * *")).toBe("every 15 minutes")
    expect(formatSchedule("30 3 * * *")).toBe("daily at 03:30 UTC")
    expect(formatSchedule("17 * * * *")).toBe("at 17 minutes past the hour")
    expect(formatSchedule("40 * * * *")).toBe("at 40 minutes past the hour")
  })

  it("reads { cron } like a cron string", () => {
    expect(formatSchedule({ cron: "0 4 * * 1" })).toBe(
      "at 04:00 UTC, only on Monday"
    )
  })

  it("puts intervals in words", () => {
    expect(formatSchedule({ interval: 300_000 })).toBe("every 5 minutes")
    expect(formatSchedule({ interval: 60_000 })).toBe("every minute")
    expect(formatSchedule({ interval: 2 * 3_600_000 })).toBe("every 2 hours")
    expect(formatSchedule({ interval: 86_400_000 })).toBe("every day")
    expect(formatSchedule({ interval: 45_000 })).toBe("every 45 seconds")
  })

  it("falls back to the code for a cron it cannot read", () => {
    expect(formatSchedule("nonsense")).toBe("cron nonsense")
  })
})
