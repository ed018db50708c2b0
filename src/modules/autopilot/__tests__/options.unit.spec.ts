import { JOB_NAMES } from "../../../catalog/jobs"
import { AutopilotOptionsError, parseAutopilotOptions } from "../options"

function problemsOf(raw: unknown): string[] {
  try {
    parseAutopilotOptions(raw)
  } catch (e) {
    expect(e).toBeInstanceOf(AutopilotOptionsError)
    return (e as AutopilotOptionsError).problems
  }
  throw new Error("expected the options to be rejected")
}

describe("parseAutopilotOptions", () => {
  it("fills every default for a bare plugins entry", () => {
    const options = parseAutopilotOptions(undefined)
    expect(options.storefrontUrl).toBe("http://localhost:8000")
    expect(options.notificationChannel).toBe("email")
    expect(options.templates["autopilot.cart.reminder"]).toBe(
      "autopilot.cart.reminder"
    )
    expect(Object.keys(options.jobs).sort()).toEqual([...JOB_NAMES].sort())
    expect(options.jobs["payment-recovery"]).toMatchObject({
      enabled: true,
      schedule: "*/5 * * * *",
      catch_up: true,
      pause_after_failures: 5,
      stale_alert: true,
      retries: {
        max_attempts: 5,
        first_delay_minutes: 5,
        max_delay_minutes: 360,
      },
    })
    expect(options.jobs["payment-recovery"].options).toMatchObject({
      providers: ["pp_stripe*"],
      min_age_minutes: 10,
      max_age_hours: 48,
    })
  })

  it("keeps what the merchant set", () => {
    const options = parseAutopilotOptions({
      storefrontUrl: "https://shop.example.com",
      notificationChannel: "sms",
      templates: { "autopilot.cart.reminder": "d-123" },
      jobs: {
        "cart-pruning": { enabled: false, schedule: { interval: 60_000 } },
        "payment-recovery": { schedule: { cron: "0 * * * *" } },
      },
    })
    expect(options.storefrontUrl).toBe("https://shop.example.com")
    expect(options.notificationChannel).toBe("sms")
    expect(options.templates["autopilot.cart.reminder"]).toBe("d-123")
    expect(options.jobs["cart-pruning"]).toMatchObject({
      enabled: false,
      schedule: { interval: 60_000 },
    })
    expect(options.jobs["payment-recovery"].schedule).toEqual({
      cron: "0 * * * *",
    })
  })

  it("ignores the database settings Medusa adds to every module", () => {
    expect(() =>
      parseAutopilotOptions({ database: { clientUrl: "postgres://x" } })
    ).not.toThrow()
  })

  it("rejects unknown keys at every level and names the path", () => {
    expect(problemsOf({ storefronturl: "https://x.example" })).toEqual([
      expect.stringMatching(/unknown key "storefronturl".*storefrontUrl/),
    ])
    expect(problemsOf({ jobs: { "payment-recovry": {} } })).toEqual([
      expect.stringMatching(
        /^"jobs": unknown key "payment-recovry"; expected one of payment-recovery/
      ),
    ])
    expect(problemsOf({ jobs: { "cart-pruning": { enable: false } } })).toEqual(
      [
        expect.stringMatching(
          /^"jobs.cart-pruning": unknown key "enable"; expected one of enabled, schedule, options, catch_up/
        ),
      ]
    )
    expect(problemsOf({ templates: { "autopilot.cart.remind": "x" } })).toEqual(
      [
        expect.stringMatching(
          /^"templates": unknown key "autopilot.cart.remind"/
        ),
      ]
    )
  })

  it("explains wrong values", () => {
    const problems = problemsOf({
      storefrontUrl: "shop.example.com",
      notificationChannel: "",
      jobs: {
        "cart-pruning": { schedule: "every day" },
        "payment-recovery": { schedule: { interval: 10 } },
        "restock-alerts": { enabled: "yes" },
      },
    })
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^"storefrontUrl": expected an http\(s\) URL/),
        expect.stringMatching(/^"notificationChannel": /),
        expect.stringMatching(
          /^"jobs.cart-pruning.schedule": .*5 or 6 fields, got "every day"/
        ),
        expect.stringMatching(/^"jobs.restock-alerts.enabled": .*boolean/),
      ])
    )
    expect(problems.join("\n")).toMatch(/jobs.payment-recovery.schedule/)
  })

  it("rejects an impossible cron expression", () => {
    expect(
      problemsOf({ jobs: { "cart-pruning": { schedule: "61 * * * *" } } })
    ).toEqual([
      expect.stringMatching(/invalid cron expression "61 \* \* \* \*"/),
    ])
  })

  it("puts every problem in the error message", () => {
    expect(() =>
      parseAutopilotOptions({ storefrontUrl: 1, jobs: { nope: {} } })
    ).toThrow(
      /invalid plugin options in medusa-config.ts:\n {2}- "storefrontUrl": .*\n {2}- "jobs": unknown key "nope"/
    )
  })

  it("retention: defaults, merchant values, and clear errors", () => {
    expect(parseAutopilotOptions({}).retention).toEqual({
      leads_days: 365,
      subscriptions_days: 180,
    })
    expect(
      parseAutopilotOptions({ retention: { leads_days: 30 } }).retention
    ).toEqual({ leads_days: 30, subscriptions_days: 180 })
    expect(
      problemsOf({ retention: { leads_days: 0, subscription_days: 10 } })
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^"retention.leads_days": .*>=1/),
        expect.stringMatching(
          /^"retention": unknown key "subscription_days"; expected one of leads_days, subscriptions_days/
        ),
      ])
    )
  })
})
