import { mergeOverride } from "../steps/validate-job-setting-update"

describe("mergeOverride", () => {
  const known = ["steps", "batch_size", "consent"]

  it("replaces each posted option and keeps the other stored ones", () => {
    expect(
      mergeOverride({ steps: [60], batch_size: 10 }, { steps: [5, 10] }, known)
    ).toEqual({ steps: [5, 10], batch_size: 10 })
  })

  it("adds an option the override did not have", () => {
    expect(mergeOverride({}, { consent: "all" }, known)).toEqual({
      consent: "all",
    })
  })

  it("null removes the option from the override", () => {
    expect(
      mergeOverride({ steps: [60], batch_size: 10 }, { steps: null }, known)
    ).toEqual({ batch_size: 10 })
  })

  it("null on an option that is not overridden changes nothing", () => {
    expect(mergeOverride({ batch_size: 10 }, { steps: null }, known)).toEqual({
      batch_size: 10,
    })
  })

  it("refuses null on an option the job does not have", () => {
    expect(() => mergeOverride({}, { nope: null, nah: null }, known)).toThrow(
      'options: unknown option "nope", "nah"'
    )
  })

  it("leaves an unknown non-null option for the schema to refuse", () => {
    expect(mergeOverride({}, { nope: 1 }, known)).toEqual({ nope: 1 })
  })

  it("does not change the stored object", () => {
    const stored = { steps: [60] }
    mergeOverride(stored, { steps: null }, known)
    expect(stored).toEqual({ steps: [60] })
  })
})
