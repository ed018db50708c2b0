import { capWait, localMinutes, minutesOf, windowWait } from "../contact-rules"

const MIN = 60_000
const HOUR = 60 * MIN

describe("contact rules", () => {
  it("reads times and local clocks", () => {
    expect(minutesOf("08:30")).toBe(510)
    // 12:00 UTC is 13:00 in Amsterdam in winter, 07:00 in New York.
    const noon = new Date("2026-12-06T12:00:00Z")
    expect(localMinutes(noon, "Europe/Amsterdam")).toBe(13 * 60)
    expect(localMinutes(noon, "America/New_York")).toBe(7 * 60)
  })

  it("a window within a day: 0 inside, else the wait until it opens", () => {
    const w = { start: "08:00", end: "20:00", time_zone: "UTC" }
    expect(windowWait(w, new Date("2026-12-06T08:00:00Z"))).toBe(0)
    expect(windowWait(w, new Date("2026-12-06T19:59:00Z"))).toBe(0)
    // 20:00 is outside (the end is exclusive): 12 h until 08:00.
    expect(windowWait(w, new Date("2026-12-06T20:00:00Z"))).toBe(12 * HOUR)
    expect(windowWait(w, new Date("2026-12-06T07:30:00Z"))).toBe(30 * MIN)
    expect(windowWait(w, new Date("2026-12-06T23:00:00Z"))).toBe(9 * HOUR)
  })

  it("a window across midnight", () => {
    const w = { start: "22:00", end: "06:00", time_zone: "UTC" }
    expect(windowWait(w, new Date("2026-12-06T23:00:00Z"))).toBe(0)
    expect(windowWait(w, new Date("2026-12-06T05:59:00Z"))).toBe(0)
    expect(windowWait(w, new Date("2026-12-06T12:00:00Z"))).toBe(10 * HOUR)
  })

  it("a window in the shop's time zone", () => {
    const w = { start: "08:00", end: "20:00", time_zone: "Europe/Amsterdam" }
    // 07:30 UTC is 08:30 in Amsterdam (winter): inside.
    expect(windowWait(w, new Date("2026-12-06T07:30:00Z"))).toBe(0)
    // 19:30 UTC is 20:30 there: 11.5 h until 08:00.
    expect(windowWait(w, new Date("2026-12-06T19:30:00Z"))).toBe(11.5 * HOUR)
  })

  it("the cap: waits until the oldest counted message leaves the span", () => {
    const at = new Date("2026-12-06T12:00:00Z")
    const ago = (ms: number) => new Date(at.getTime() - ms)
    const one = { max: 1, per_hours: 24 }
    expect(capWait([], one, at)).toBe(0)
    expect(capWait([ago(25 * HOUR)], one, at)).toBe(0)
    expect(capWait([ago(10 * HOUR)], one, at)).toBe(14 * HOUR)
    const two = { max: 2, per_hours: 24 }
    expect(capWait([ago(10 * HOUR)], two, at)).toBe(0)
    // The second newest decides: it leaves the span in 4 h.
    expect(
      capWait([ago(1 * HOUR), ago(20 * HOUR), ago(23 * HOUR)], two, at)
    ).toBe(4 * HOUR)
  })
})
