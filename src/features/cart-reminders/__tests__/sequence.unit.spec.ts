import { dueStep, isConsent, readPath } from "../sequence"

const H = 3_600_000
const steps = [60, 1440, 4320]
const stopAfter = 168 * H
const at = (hours: number) => new Date(Date.UTC(2026, 0, 1) + hours * H)

describe("dueStep", () => {
  const last = at(0)
  it("sends nothing before the first delay", () => {
    expect(dueStep(steps, 0, last, at(0.99), stopAfter)).toBeNull()
  })
  it("sends each step once its delay has passed", () => {
    expect(dueStep(steps, 0, last, at(1), stopAfter)).toBe(0)
    expect(dueStep(steps, 1, last, at(23.9), stopAfter)).toBeNull()
    expect(dueStep(steps, 1, last, at(24), stopAfter)).toBe(1)
    expect(dueStep(steps, 2, last, at(72), stopAfter)).toBe(2)
  })
  it("is over after the last step", () => {
    expect(dueStep(steps, 3, last, at(100), stopAfter)).toBeNull()
  })
  it("skips steps missed while the job was down: only the latest goes out", () => {
    expect(dueStep(steps, 0, last, at(30), stopAfter)).toBe(1)
  })
  it("never reminds carts inactive for longer than stop_after_hours", () => {
    expect(dueStep(steps, 0, last, at(169), stopAfter)).toBeNull()
  })
})

describe("consent", () => {
  it("reads a dotted path", () => {
    expect(readPath({ metadata: { opt: true } }, "metadata.opt")).toBe(true)
    expect(readPath({ metadata: null }, "metadata.opt")).toBeUndefined()
    expect(readPath(null, "metadata.opt")).toBeUndefined()
  })
  it("accepts the usual ways of storing yes, and nothing else", () => {
    for (const yes of [true, 1, "true", "Yes", "1", "on"]) {
      expect(isConsent(yes)).toBe(true)
    }
    for (const no of [false, 0, "false", "no", "", null, undefined, {}]) {
      expect(isConsent(no)).toBe(false)
    }
  })
})
