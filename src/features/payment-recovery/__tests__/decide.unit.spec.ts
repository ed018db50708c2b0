import type { PaymentRecoveryOptions } from "../cadence"
import {
  afterCompletion,
  allowListGate,
  beforeAsking,
  decide,
  type Decision,
  type SessionFacts,
} from "../decide"

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const now = new Date("2026-11-27T12:00:00Z")

const options: PaymentRecoveryOptions = {
  providers: ["pp_stripe*"],
  min_age_minutes: 10,
  max_age_hours: 48,
  cadence_minutes: [3, 15, 60, 360],
  provider_cadence_minutes: { "pp_ideal*": [5, 2880] },
  cadence_presets: {},
  cadence_preset_definitions: {},
  ideal_expiry_minutes: 30,
  max_errors: 3,
  authorization_warning_days: 6,
  authorization_lookback_days: 30,
  batch_size: 100,
}

function session(overrides: Partial<SessionFacts> = {}): SessionFacts {
  return {
    kind: "cart",
    provider_id: "pp_stripe_stripe",
    provider_reference: "pi_1",
    attempts: 1,
    errors: 0,
    session_created_at: new Date(now.getTime() - HOUR),
    ...overrides,
  }
}

const answer = (status: string, provider_reference?: string | null) => ({
  ok: true as const,
  status,
  provider_reference,
})

const base = (status: string, reference = "pi_1") => ({
  attempts: 2,
  errors: 0,
  last_error: null,
  last_checked_at: now,
  provider_status: status,
  provider_reference: reference,
})

describe("payment recovery: before asking the provider", () => {
  it("skips a cart that became an order elsewhere", () => {
    expect(beforeAsking(session(), "order_1", now)).toEqual({
      kind: "skip",
      reason: "ordered_elsewhere",
      update: {
        status: "recovered",
        resolution: "elsewhere",
        order_id: "order_1",
        next_check_at: null,
        last_checked_at: now,
      },
    })
  })

  it("asks the provider when the cart has no order", () => {
    expect(beforeAsking(session(), null, now)).toBeNull()
  })

  it("asks the provider for an order's session, whatever its order", () => {
    expect(beforeAsking(session({ kind: "order" }), "order_1", now)).toBeNull()
  })
})

describe("payment recovery: the provider errs", () => {
  it("waits for the next step of the cadence below max_errors", () => {
    expect(
      decide(
        session({ errors: 1 }),
        { ok: false, message: "503" },
        now,
        options
      )
    ).toEqual({
      kind: "wait",
      reason: "provider_error",
      error: "503",
      until: new Date(now.getTime() + 15 * MINUTE),
      update: {
        attempts: 2,
        errors: 2,
        last_error: "503",
        last_checked_at: now,
        next_check_at: new Date(now.getTime() + 15 * MINUTE),
      },
    })
  })

  it("uses the provider's own cadence", () => {
    const decision = decide(
      session({ provider_id: "pp_ideal_mollie", attempts: 0 }),
      { ok: false, message: "timeout" },
      now,
      options
    )
    expect(decision.kind === "wait" && decision.until).toEqual(
      new Date(now.getTime() + 5 * MINUTE)
    )
  })

  it("gives up and asks for attention at max_errors in a row", () => {
    expect(
      decide(
        session({ errors: 2 }),
        { ok: false, message: "503" },
        now,
        options
      )
    ).toEqual({
      kind: "give_up",
      reason: "the provider failed 3 times in a row: 503",
      error: "503",
      update: {
        attempts: 2,
        errors: 3,
        last_error: "503",
        last_checked_at: now,
      },
    })
  })
})

describe("payment recovery: the provider answers", () => {
  it.each(["authorized", "captured"])(
    "completes a cart paid (%s)",
    (status) => {
      expect(decide(session(), answer(status), now, options)).toEqual({
        kind: "complete",
        update: base(status),
      })
    }
  )

  it("marks an order's paid session recovered, with no completion", () => {
    expect(
      decide(session({ kind: "order" }), answer("authorized"), now, options)
    ).toEqual({
      kind: "recovered",
      action: "authorized",
      update: {
        ...base("authorized"),
        status: "recovered",
        resolution: "autopilot",
        recovered_at: now,
        next_check_at: null,
      },
    })
  })

  it("keeps the provider's new reference, else the recorded one", () => {
    const fresh = decide(session(), answer("captured", "pi_2"), now, options)
    expect(fresh.update.provider_reference).toBe("pi_2")
    const none = decide(session(), answer("captured", null), now, options)
    expect(none.update.provider_reference).toBe("pi_1")
  })

  it.each(["pending", "requires_more", "pending_authorization"])(
    "waits on a %s session before it expires",
    (status) => {
      expect(decide(session(), answer(status), now, options)).toEqual({
        kind: "wait",
        reason: "still_waiting",
        until: new Date(now.getTime() + 15 * MINUTE),
        update: {
          ...base(status),
          next_check_at: new Date(now.getTime() + 15 * MINUTE),
        },
      })
    }
  )

  it("never waits past the session's expiry", () => {
    const created = new Date(now.getTime() - 48 * HOUR + 5 * MINUTE)
    const decision = decide(
      session({ session_created_at: created }),
      answer("pending"),
      now,
      options
    )
    expect(decision.kind === "wait" && decision.until).toEqual(
      new Date(now.getTime() + 5 * MINUTE)
    )
  })

  it("abandons a waiting session at its expiry", () => {
    const created = new Date(now.getTime() - 48 * HOUR)
    expect(
      decide(
        session({ session_created_at: created }),
        answer("requires_more"),
        now,
        options
      )
    ).toEqual({
      kind: "abandon",
      resolution: "expired",
      update: {
        ...base("requires_more"),
        status: "abandoned",
        resolution: "expired",
        reason: "still requires_more after 48 h",
        next_check_at: null,
      },
    })
  })

  it.each([
    ["before", HOUR],
    ["after", 49 * HOUR],
  ])("abandons a session the provider failed (%s expiry)", (_when, age) => {
    expect(
      decide(
        session({ session_created_at: new Date(now.getTime() - age) }),
        answer("canceled"),
        now,
        options
      )
    ).toEqual({
      kind: "abandon",
      resolution: "provider_failed",
      update: {
        ...base("canceled"),
        status: "abandoned",
        resolution: "provider_failed",
        reason: "the provider reports canceled",
        next_check_at: null,
      },
    })
  })

  it("completes a paid cart even after its expiry", () => {
    const created = new Date(now.getTime() - 49 * HOUR)
    expect(
      decide(
        session({ session_created_at: created }),
        answer("authorized"),
        now,
        options
      ).kind
    ).toBe("complete")
  })
})

describe("payment recovery: after completing the cart", () => {
  const paid = decide(session(), answer("authorized"), now, options) as Extract<
    Decision,
    { kind: "complete" }
  >

  it("is recovered once the cart has its order", () => {
    expect(afterCompletion(paid, { order_id: "order_9" }, now)).toEqual({
      kind: "recovered",
      action: "recovered",
      update: {
        ...base("authorized"),
        status: "recovered",
        resolution: "autopilot",
        order_id: "order_9",
        recovered_at: now,
        next_check_at: null,
      },
    })
  })

  it("needs attention when no order could be created", () => {
    expect(
      afterCompletion(
        paid,
        { order_id: null, cause: "out of stock", refunded: false },
        now
      )
    ).toEqual({
      kind: "give_up",
      reason:
        "paid at the provider, but the order could not be created: out of stock",
      update: { ...base("authorized"), refunded: false },
    })
  })

  it("says so when Medusa refunded the payment", () => {
    const decision = afterCompletion(
      paid,
      { order_id: null, cause: "out of stock", refunded: true },
      now
    )
    expect(decision).toMatchObject({
      kind: "give_up",
      reason:
        "paid at the provider, but the order could not be created: out of stock; Medusa refunded the payment",
      update: { refunded: true },
    })
  })
})

describe("payment recovery: the allow-list at every step", () => {
  it("lets an allow-listed provider through", () => {
    expect(allowListGate(session(), options, now)).toBeNull()
  })

  it("skips a provider taken off the allow-list, with the reason", () => {
    expect(allowListGate(session(), { providers: ["pp_adyen*"] }, now)).toEqual(
      {
        kind: "skip",
        reason: "provider_not_allowed",
        update: {
          status: "abandoned",
          resolution: "skipped",
          reason:
            "provider pp_stripe_stripe is no longer in the providers allow-list",
          next_check_at: null,
          last_checked_at: now,
        },
      }
    )
  })

  it("never lets pp_system_default through, not even with *", () => {
    const gate = allowListGate(
      session({ provider_id: "pp_system_default" }),
      { providers: ["*"] },
      now
    )
    expect(gate).toMatchObject({
      kind: "skip",
      update: { status: "abandoned", resolution: "skipped" },
    })
    expect(
      allowListGate(
        session({ provider_id: "pp_adyen_x" }),
        { providers: ["*"] },
        now
      )
    ).toBeNull()
  })
})

describe("payment recovery: Retry-After", () => {
  it("waits at least as long as the provider asked", () => {
    const decision = decide(
      session({ attempts: 0 }),
      { ok: false, message: "429", retry_after_seconds: 20 * 60 },
      now,
      options
    )
    // The cadence says 3 minutes; the provider said 20.
    expect(decision).toMatchObject({
      kind: "wait",
      reason: "provider_error",
      until: new Date(now.getTime() + 20 * MINUTE),
    })
  })

  it("keeps the cadence when Retry-After is shorter", () => {
    const decision = decide(
      session({ attempts: 0 }),
      { ok: false, message: "429", retry_after_seconds: 30 },
      now,
      options
    )
    expect(decision).toMatchObject({
      until: new Date(now.getTime() + 3 * MINUTE),
    })
  })
})

describe("payment recovery: a preset's own expiry", () => {
  it("gives an iDEAL session up at its last check (24 h), not max_age_hours", () => {
    const created = new Date(now.getTime() - 24 * HOUR)
    const decision = decide(
      session({
        provider_id: "pp_stripe-ideal_stripe",
        session_created_at: created,
      }),
      answer("pending"),
      now,
      options
    )
    expect(decision).toMatchObject({
      kind: "abandon",
      resolution: "expired",
      update: { reason: "still pending after 24 h" },
    })
  })
})
