import { JOB_CATALOG } from "../../../catalog/jobs"
import {
  AutopilotOptionsError,
  parseAutopilotOptions,
} from "../../../modules/autopilot/options"
import {
  cadencePresetName,
  expiresAt,
  firstCheckAt,
  isAllowedProvider,
  nextCheckAt,
  type PaymentRecoveryOptions,
  presetNamed,
  resolveCadence,
  scheduleMinutes,
} from "../cadence"
import { withCadencePreset } from "../admin-view"
import { retryAfterOf } from "../decide"

const MINUTE = 60_000
const start = new Date("2026-11-27T12:00:00Z")
const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE)
const minutesOf = (d: Date) => (d.getTime() - start.getTime()) / MINUTE

const schema = JOB_CATALOG["payment-recovery"].optionsSchema
const parse = (input: Record<string, unknown> = {}) =>
  schema.parse(input) as PaymentRecoveryOptions

const IDEAL = "pp_stripe-ideal_stripe"
const CARD = "pp_stripe_stripe"

/** Every check time of a session, following nextCheckAt from its first. */
function checkTimes(options: PaymentRecoveryOptions, provider: string) {
  const times = [minutesOf(firstCheckAt(options, provider, start, start))]
  const end = minutesOf(expiresAt(options, start, provider))
  for (let attempts = 1; times[times.length - 1] < end; attempts++) {
    const next = nextCheckAt(
      options,
      provider,
      attempts,
      at(times[times.length - 1]),
      start
    )
    times.push(minutesOf(next))
    if (times.length > 100) throw new Error("no end")
  }
  return times
}

describe("payment recovery options: the allow-list", () => {
  it("refuses pp_system_default as a literal entry", () => {
    const result = schema.safeParse({
      providers: ["pp_stripe*", "pp_system_default"],
    })
    expect(result.success).toBe(false)
    expect(JSON.stringify(result.error?.issues)).toMatch(/pp_system_default/)
  })

  it("refuses it at start-up, in the plugin options", () => {
    const start = () =>
      parseAutopilotOptions({
        jobs: {
          "payment-recovery": { options: { providers: ["pp_system_default"] } },
        },
      })
    expect(start).toThrow(AutopilotOptionsError)
    expect(start).toThrow(/pp_system_default/)
  })

  it("accepts * and keeps pp_stripe* as the default", () => {
    expect(parse({ providers: ["*"] }).providers).toEqual(["*"])
    expect(parse().providers).toEqual(["pp_stripe*"])
  })

  it("* is every provider except pp_system_default", () => {
    expect(isAllowedProvider("pp_adyen_adyen", ["*"])).toBe(true)
    expect(isAllowedProvider("pp_system_default", ["*"])).toBe(false)
    expect(isAllowedProvider("pp_system_default", ["pp_system*"])).toBe(false)
  })

  it("matches the patterns otherwise", () => {
    expect(isAllowedProvider(IDEAL, ["pp_stripe*"])).toBe(true)
    expect(isAllowedProvider("pp_adyen_adyen", ["pp_stripe*"])).toBe(false)
    expect(isAllowedProvider(CARD, [])).toBe(false)
  })
})

describe("payment recovery cadence: which preset", () => {
  it("maps pp_stripe-ideal_* to ideal by default, everything else to default", () => {
    const options = parse()
    expect(cadencePresetName(IDEAL, options)).toBe("ideal")
    expect(cadencePresetName(CARD, options)).toBe("default")
  })

  it("lets the merchant's map win, first match first", () => {
    const options = parse({
      cadence_presets: {
        "pp_stripe_*": "card",
        "pp_stripe-ideal_*": "default",
      },
    })
    expect(cadencePresetName(CARD, options)).toBe("card")
    expect(cadencePresetName(IDEAL, options)).toBe("default")
  })

  it("keeps provider_cadence_minutes first, named custom", () => {
    const options = parse({
      provider_cadence_minutes: { "pp_stripe-ideal*": [5, 2880] },
    })
    expect(resolveCadence(IDEAL, options)).toEqual({
      name: "custom",
      preset: { backoff_minutes: [5, 2880] },
    })
  })

  it("falls back to default for a preset name with no definition", () => {
    const options = parse({ cadence_presets: { "pp_*": "nope" } })
    expect(cadencePresetName(CARD, options)).toBe("default")
  })

  it("uses a merchant-defined preset, and merchant fields over a built-in", () => {
    const options = parse({
      cadence_presets: { "pp_stripe_*": "slow" },
      cadence_preset_definitions: {
        slow: { backoff_minutes: [120] },
        ideal: { backoff_minutes: [360] },
      },
    })
    expect(resolveCadence(CARD, options)).toEqual({
      name: "slow",
      preset: { backoff_minutes: [120] },
    })
    expect(presetNamed("ideal", options)).toEqual({
      first_minutes: 3,
      expiry_minutes: 30,
      backoff_minutes: [360],
      last_check_hours: 24,
    })
    expect(presetNamed("nope", options)).toBeUndefined()
  })
})

describe("payment recovery cadence: the check times", () => {
  it("ideal: 3 min, at expiry (30 min), then back-off to a last check at 24 h", () => {
    expect(checkTimes(parse(), IDEAL)).toEqual([
      3, 30, 90, 210, 450, 930, 1410, 1440,
    ])
  })

  it("ideal: the expiry period is an option", () => {
    expect(checkTimes(parse({ ideal_expiry_minutes: 15 }), IDEAL)).toEqual([
      3, 15, 75, 195, 435, 915, 1395, 1440,
    ])
  })

  it("ideal: a late first check (at discovery) goes on with the fixed schedule", () => {
    const options = parse()
    expect(minutesOf(firstCheckAt(options, IDEAL, at(10), start))).toBe(10)
    expect(minutesOf(nextCheckAt(options, IDEAL, 1, at(10), start))).toBe(30)
    // A run a little late does not shift the later checks.
    expect(minutesOf(nextCheckAt(options, IDEAL, 2, at(34), start))).toBe(90)
  })

  it("ideal: after the last check there is none before expiry", () => {
    const options = parse()
    expect(minutesOf(nextCheckAt(options, IDEAL, 8, at(1440), start))).toBe(
      1440
    )
    expect(expiresAt(options, start, IDEAL)).toEqual(at(24 * 60))
  })

  it("card: a short back-off from each check", () => {
    const options = parse({ cadence_presets: { "pp_stripe_*": "card" } })
    const times = checkTimes(options, CARD)
    expect(times.slice(0, 9)).toEqual([0, 1, 3, 8, 18, 48, 108, 468, 828])
    expect(times[times.length - 1]).toBe(48 * 60)
  })

  it("default: cadence_minutes as before, its last step repeating", () => {
    const times = checkTimes(parse(), CARD)
    expect(times.slice(0, 6)).toEqual([0, 3, 18, 78, 438, 798])
    expect(times[times.length - 1]).toBe(48 * 60)
  })

  it("default: never later than max_age_hours", () => {
    const options = parse({ max_age_hours: 1 })
    expect(minutesOf(nextCheckAt(options, CARD, 4, at(50), start))).toBe(60)
    expect(expiresAt(options, start)).toEqual(at(60))
  })

  it("a fixed schedule without back-off ends at its expiry", () => {
    expect(scheduleMinutes({ first_minutes: 3 }, 60)).toEqual([3, 60])
    expect(scheduleMinutes({ expiry_minutes: 90 }, 60)).toEqual([60])
    expect(scheduleMinutes({ backoff_minutes: [5] }, 60)).toBeNull()
  })

  it("a preset with neither schedule nor back-off steps by cadence_minutes, to its own end", () => {
    const options = parse({
      cadence_presets: { "pp_stripe_*": "short" },
      cadence_preset_definitions: { short: { last_check_hours: 1 } },
    })
    expect(checkTimes(options, CARD)).toEqual([0, 3, 18, 60])
  })

  it("respects Retry-After over any preset", () => {
    const options = parse()
    expect(
      minutesOf(nextCheckAt(options, IDEAL, 1, at(3), start, at(45)))
    ).toBe(45)
    expect(minutesOf(nextCheckAt(options, CARD, 1, at(0), start, at(10)))).toBe(
      10
    )
    // Not sooner than the preset says, either.
    expect(minutesOf(nextCheckAt(options, IDEAL, 1, at(3), start, at(4)))).toBe(
      30
    )
  })

  it("a custom cadence past expiry stays at expiry", () => {
    const options = parse({
      provider_cadence_minutes: { "pp_stripe_*": [4 * 24 * 60] },
    })
    expect(minutesOf(nextCheckAt(options, CARD, 1, at(0), start))).toBe(48 * 60)
    expect(minutesOf(nextCheckAt(options, CARD, 3, at(49 * 60), start))).toBe(
      49 * 60
    )
  })
})

describe("payment recovery: Retry-After from a provider error", () => {
  it("reads stripe-node's headers", () => {
    expect(retryAfterOf({ headers: { "retry-after": "30" } }, "x")).toBe(30)
  })
  it("reads the sandbox provider's message", () => {
    expect(retryAfterOf(new Error("x"), "429 (Retry-After: 120)")).toBe(120)
  })
  it("is null when nothing was asked, or nonsense", () => {
    expect(retryAfterOf(new Error("x"), "boom")).toBeNull()
    expect(retryAfterOf({ headers: { "retry-after": "soon" } }, "")).toBeNull()
    expect(retryAfterOf(null, "Retry-After: 0")).toBeNull()
  })
})

describe("payment recovery admin: the preset shown per record", () => {
  it("names each record's preset from its provider and the options", () => {
    const options = parse({ cadence_presets: { "pp_stripe_*": "card" } })
    expect(
      withCadencePreset(
        [
          { id: "a", provider_id: IDEAL },
          { id: "b", provider_id: CARD },
          { id: "c", provider_id: "pp_autopilot-sandbox_sandbox" },
        ],
        options
      ).map((r) => [r.id, r.cadence_preset])
    ).toEqual([
      ["a", "ideal"],
      ["b", "card"],
      ["c", "default"],
    ])
  })
})
