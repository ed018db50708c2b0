import cronParser from "cron-parser"
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

  describe("kept answers (ticks do not parse again)", () => {
    // What parsing afresh returns, for comparison.
    const freshLatest = (cron: string, at: Date) =>
      cronParser
        .parseExpression(cron, {
          currentDate: new Date(at.getTime() + 1),
          utc: true,
        })
        .prev()
        .toDate()
    const freshGap = (cron: string, from: Date) => {
      const it = cronParser.parseExpression(cron, {
        currentDate: from,
        utc: true,
      })
      const first = it.next().getTime()
      return it.next().getTime() - first
    }
    const crons = ["*/5 * * * *", "17 * * * *", "30 3 * * *", "0 9 * * 1-5"]
    // Ticks 53 minutes apart over 7 days, then the same times backwards
    // (a clock set back, or another caller asking about an earlier time).
    const start = Date.parse("2026-11-27T22:58:00.000Z")
    const times = Array.from(
      { length: 200 },
      (_, i) => new Date(start + i * 53 * 60_000)
    )
    const since = new Date(0)

    it("dueSlot answers as a fresh parse does, forwards and backwards", () => {
      for (const cron of crons) {
        for (const at of [...times, ...[...times].reverse()]) {
          expect(dueSlot(cron, since, at)).toEqual(freshLatest(cron, at))
        }
      }
    })

    it("dueSlot on a slot's exact time and just before it", () => {
      const slot = new Date("2026-12-01T10:05:00.000Z")
      expect(dueSlot("*/5 * * * *", since, slot)).toEqual(slot)
      expect(
        dueSlot("*/5 * * * *", since, new Date(slot.getTime() - 1))
      ).toEqual(new Date("2026-12-01T10:00:00.000Z"))
      expect(dueSlot("*/5 * * * *", since, slot)).toEqual(slot)
    })

    it("intervalMs answers as a fresh parse does", () => {
      for (const cron of crons) {
        for (const at of [...times, ...[...times].reverse()]) {
          expect(intervalMs(cron, at)).toBe(freshGap(cron, at))
        }
      }
    })
  })
})
