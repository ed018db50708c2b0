import { z } from "@medusajs/framework/zod"
import { stepMinutes } from "../../features/cart-reminders/sequence"
import { discountOf } from "../cart-reminder-steps"
import { JOB_CATALOG } from "../jobs"

const schema = JOB_CATALOG["cart-reminders"].optionsSchema

const steps = (value: unknown) => {
  const parsed = schema.safeParse({ steps: value })
  return parsed.success
    ? { ok: true as const, steps: (parsed.data as { steps: unknown }).steps }
    : { ok: false as const, error: parsed.error.issues[0] }
}

describe("cart-reminders steps option", () => {
  it("keeps accepting minutes, and defaults to 1 h, 24 h and 72 h", () => {
    expect(steps([60, 1440, 4320])).toEqual({
      ok: true,
      steps: [
        { after_minutes: 60 },
        { after_minutes: 1440 },
        { after_minutes: 4320 },
      ],
    })
    expect(steps(undefined)).toEqual(steps([60, 1440, 4320]))
  })

  it("takes objects with a discount, mixed with minutes", () => {
    const result = steps([
      60,
      {
        after_minutes: 1440,
        discount: { type: "percentage", value: 10, min_subtotal: 50 },
      },
      {
        after_minutes: 4320,
        discount: { type: "fixed", value: 5, currency_code: "EUR" },
      },
    ])
    expect(result).toEqual({
      ok: true,
      steps: [
        { after_minutes: 60 },
        {
          after_minutes: 1440,
          discount: {
            type: "percentage",
            value: 10,
            min_subtotal: 50,
            valid_hours: 48,
          },
        },
        {
          after_minutes: 4320,
          discount: {
            type: "fixed",
            value: 5,
            currency_code: "eur",
            valid_hours: 48,
          },
        },
      ],
    })
  })

  it("refuses a percentage over 100 or of 0, a bad currency, unknown keys and steps out of order", () => {
    const at = (d: Record<string, unknown>) =>
      steps([{ after_minutes: 60, discount: d }])
    expect(at({ type: "percentage", value: 101 }).ok).toBe(false)
    expect(at({ type: "percentage", value: 0 }).ok).toBe(false)
    expect(at({ type: "percentage", value: 100 }).ok).toBe(true)
    expect(at({ type: "fixed", value: 5, currency_code: "euro" }).ok).toBe(
      false
    )
    expect(at({ type: "fixed", value: -1 }).ok).toBe(false)
    expect(at({ type: "percentage", value: 5, valid_hours: 0 }).ok).toBe(false)
    expect(at({ type: "bogus", value: 5 }).ok).toBe(false)
    expect(at({ type: "percentage", value: 5, code: "X" }).ok).toBe(false)
    expect(steps([120, { after_minutes: 60 }]).ok).toBe(false)
    expect(steps([]).ok).toBe(false)
  })

  it("describes both forms in the JSON schema the admin API serves", () => {
    const json = JSON.stringify(z.toJSONSchema(schema, { io: "input" }))
    expect(json).toContain("after_minutes")
    expect(json).toContain("percentage")
  })

  it("reads each step's minutes and discount (none is no discount)", () => {
    const parsed = schema.parse({
      steps: [
        60,
        { after_minutes: 120, discount: { type: "none" } },
        { after_minutes: 240, discount: { type: "percentage", value: 5 } },
      ],
    }) as { steps: { after_minutes: number }[] }
    expect(stepMinutes(parsed)).toEqual([60, 120, 240])
    expect(parsed.steps.map((s) => discountOf(s)?.type ?? null)).toEqual([
      null,
      null,
      "percentage",
    ])
  })
})
