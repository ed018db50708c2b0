import { dueSlot, intervalMs, nextRunAt, toMedusaSchedule } from "../schedule"

describe("schedules", () => {
  const from = new Date("2026-01-01T10:07:30.000Z")

  it("normalises every form to what Medusa's job config takes", () => {
    expect(toMedusaSchedule("*/5 * * * *")).toBe("*/5 * * * *")
    expect(toMedusaSchedule({ cron: "0 3 * * *" })).toBe("0 3 * * *")
    expect(toMedusaSchedule({ interval: 60_000 })).toEqual({ interval: 60_000 })
  })

  it("computes the next run of a cron schedule in UTC", () => {
    expect(nextRunAt("*/5 * * * *", from).toISOString()).toBe(
      "2026-01-01T10:10:00.000Z"
    )
    expect(nextRunAt({ cron: "30 3 * * *" }, from).toISOString()).toBe(
      "2026-01-02T03:30:00.000Z"
    )
  })

  it("counts an interval from the given time", () => {
    expect(nextRunAt({ interval: 90_000 }, from).toISOString()).toBe(
      "2026-01-01T10:09:00.000Z"
    )
  })

  it("measures the usual gap between runs", () => {
    expect(intervalMs("*/5 * * * *", from)).toBe(5 * 60_000)
    expect(intervalMs("17 * * * *", from)).toBe(60 * 60_000)
    expect(intervalMs({ interval: 42_000 })).toBe(42_000)
  })

  describe("dueSlot", () => {
    const at = new Date("2026-01-01T10:07:30.000Z")

    it("finds the newest cron slot after the last one that ran", () => {
      const since = new Date("2026-01-01T10:00:00.000Z")
      expect(dueSlot("*/5 * * * *", since, at)?.toISOString()).toBe(
        "2026-01-01T10:05:00.000Z"
      )
    })

    it("finds nothing when the last slot is the newest", () => {
      const since = new Date("2026-01-01T10:05:00.000Z")
      expect(dueSlot("*/5 * * * *", since, at)).toBeNull()
    })

    it("collapses missed slots after a downtime into one", () => {
      const since = new Date("2025-12-30T00:00:00.000Z")
      expect(dueSlot("*/5 * * * *", since, at)?.toISOString()).toBe(
        "2026-01-01T10:05:00.000Z"
      )
      expect(dueSlot({ interval: 60_000 }, since, at)?.toISOString()).toBe(
        "2026-01-01T10:07:00.000Z"
      )
    })

    it("counts interval slots from the last one, so every instance agrees", () => {
      const since = new Date("2026-01-01T10:06:00.000Z")
      expect(dueSlot({ interval: 60_000 }, since, at)?.toISOString()).toBe(
        "2026-01-01T10:07:00.000Z"
      )
      expect(dueSlot({ interval: 120_000 }, since, at)).toBeNull()
    })

    it("treats a slot exactly at the tick as due", () => {
      const since = new Date("2026-01-01T10:00:00.000Z")
      const onSlot = new Date("2026-01-01T10:05:00.000Z")
      expect(dueSlot("*/5 * * * *", since, onSlot)?.toISOString()).toBe(
        onSlot.toISOString()
      )
    })
  })
})
