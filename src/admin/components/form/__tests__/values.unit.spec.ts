import type { FormNumberField } from "../../../../types"
import {
  checkNumber,
  fieldErrorsFromMessage,
  fromShown,
  toShown,
} from "../values"

const number = (over: Partial<FormNumberField> = {}): FormNumberField => ({
  key: "n",
  path: "options.n",
  title: "N",
  help: "A number.",
  optional: false,
  control: "number",
  min: null,
  max: null,
  exclusive_min: false,
  integer: false,
  unit: null,
  scale: 1,
  ...over,
})

describe("form values", () => {
  it("shows a share as a percentage and stores it back exactly", () => {
    const ratio = number({ unit: "%", scale: 100, min: 0, max: 1 })
    expect(toShown(ratio, 0.2)).toBe(20)
    expect(toShown(ratio, 0.07)).toBe(7)
    expect(fromShown(ratio, 25)).toBe(0.25)
    expect(checkNumber(ratio, 0.2)).toBeNull()
    expect(checkNumber(ratio, 1.5)).toBe("Must be at most 100 %")
  })

  it("keeps unscaled numbers exactly, so a fraction for a whole number is refused", () => {
    const whole = number({ integer: true, min: 0 })
    expect(fromShown(whole, 2.5)).toBe(2.5)
    expect(checkNumber(whole, 2.5)).toBe("Enter a whole number")
    const tiny = number({ unit: "hours", min: 0, exclusive_min: true })
    expect(toShown(tiny, 0.001388888888888889)).toBe(0.001388888888888889)
    expect(checkNumber(tiny, 0)).toBe("Must be more than 0 hours")
  })

  it("rounds milliseconds typed as seconds", () => {
    const ms = number({
      integer: true,
      unit: "seconds",
      scale: 0.001,
      min: 100,
    })
    expect(toShown(ms, 10_000)).toBe(10)
    expect(fromShown(ms, 1.5)).toBe(1500)
    expect(checkNumber(ms, 50)).toBe("Must be at least 0.1 seconds")
  })

  it("reads the fields of a server refusal, reasons with '; ' inside kept whole", () => {
    expect(
      fieldErrorsFromMessage(
        "options.providers: pp_system_default authorizes every session; it is never recovered; schedule: expected 5 or 6 fields"
      )
    ).toEqual({
      "options.providers":
        "pp_system_default authorizes every session; it is never recovered",
      schedule: "expected 5 or 6 fields",
    })
    expect(fieldErrorsFromMessage("Something else went wrong")).toEqual({})
  })
})
