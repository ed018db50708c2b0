import {
  expiresAt,
  isAllowedProvider,
  nextCheckAt,
  type PaymentRecoveryOptions,
} from "./cadence"

/** Session statuses that can still become (or wait to become) a paid order. */
export const OPEN_STATUSES = [
  "pending",
  "requires_more",
  "authorized",
  "pending_authorization",
]
const PAID = ["authorized", "captured"]
const WAITING = ["pending", "requires_more", "pending_authorization"]

/** What the check knows about one recorded session before asking anyone. */
export type SessionFacts = {
  kind: "cart" | "order"
  provider_id: string
  provider_reference: string | null
  /** Checks made before this one. */
  attempts: number
  /** Provider errors in a row before this check. */
  errors: number
  session_created_at: Date
}

/** The provider's answer, or the error it gave. */
export type ProviderAnswer =
  | { ok: true; status: string; provider_reference?: string | null }
  | {
      ok: false
      message: string
      /** The provider's `Retry-After`: ask no sooner than this. */
      retry_after_seconds?: number | null
    }

/** What completing the cart gave: its order, or why there is none. */
export type CompletionOutcome =
  { order_id: string } | { order_id: null; cause: string; refunded: boolean }

/** The fields the check writes on the recovery record. */
export type RecoveryUpdate = Record<string, unknown>

export type Decision =
  /**
   * Nothing to do at the provider: the cart became an order elsewhere, or
   * its provider is no longer in the allow-list.
   */
  | {
      kind: "skip"
      reason: "ordered_elsewhere" | "provider_not_allowed"
      update: RecoveryUpdate
    }
  /** Ask again at `until` (after a provider error, or still waiting). */
  | {
      kind: "wait"
      reason: "provider_error" | "still_waiting"
      until: Date
      error?: string
      update: RecoveryUpdate
    }
  /** Stop following; the merchant is told why. */
  | { kind: "give_up"; reason: string; error?: string; update: RecoveryUpdate }
  /** Stop following; the session will never be paid. */
  | {
      kind: "abandon"
      resolution: "expired" | "provider_failed"
      update: RecoveryUpdate
    }
  /** Paid: complete the cart into an order, then see `afterCompletion`. */
  | { kind: "complete"; update: RecoveryUpdate }
  /** Paid and done: the order's payment is authorized, or the cart completed. */
  | {
      kind: "recovered"
      action: "authorized" | "recovered"
      update: RecoveryUpdate
    }

/** A decision the handler can carry out as it is (not "complete"). */
export type Outcome = Exclude<Decision, { kind: "complete" }>

/**
 * The allow-list, asked again at every re-check and right before completion:
 * a recorded session whose provider is no longer allowed (or is
 * `pp_system_default`) ends `abandoned` with resolution `skipped` and the
 * reason, and is never asked about nor completed. The model has no `skipped`
 * status; `abandoned` is the terminal status of a session left alone.
 */
export function allowListGate(
  facts: Pick<SessionFacts, "provider_id">,
  options: Pick<PaymentRecoveryOptions, "providers">,
  at: Date
): Outcome | null {
  if (isAllowedProvider(facts.provider_id, options.providers)) return null
  return {
    kind: "skip",
    reason: "provider_not_allowed",
    update: {
      status: "abandoned",
      resolution: "skipped",
      reason: `provider ${facts.provider_id} is no longer in the providers allow-list`,
      next_check_at: null,
      last_checked_at: at,
    },
  }
}

/**
 * Before asking the provider: a cart that already has an order (the
 * storefront or the webhook won) is recovered elsewhere, with no call.
 */
export function beforeAsking(
  facts: SessionFacts,
  cartOrderId: string | null,
  at: Date
): Outcome | null {
  if (facts.kind !== "cart" || !cartOrderId) return null
  return {
    kind: "skip",
    reason: "ordered_elsewhere",
    update: {
      status: "recovered",
      resolution: "elsewhere",
      order_id: cartOrderId,
      next_check_at: null,
      last_checked_at: at,
    },
  }
}

/**
 * What to do with a recorded session given the provider's answer: retry an
 * error on the cadence until `max_errors` in a row, complete a paid cart,
 * mark a paid order recovered, wait on a pending session until it expires,
 * and abandon a failed or expired one.
 */
export function decide(
  facts: SessionFacts,
  answer: ProviderAnswer,
  at: Date,
  options: PaymentRecoveryOptions
): Decision {
  const attempts = facts.attempts + 1
  const next = (notBefore: Date | null = null) =>
    nextCheckAt(
      options,
      facts.provider_id,
      attempts,
      at,
      facts.session_created_at,
      notBefore
    )

  if (!answer.ok) {
    const errors = facts.errors + 1
    const fields = {
      attempts,
      errors,
      last_error: answer.message,
      last_checked_at: at,
    }
    if (errors >= options.max_errors) {
      return {
        kind: "give_up",
        reason: `the provider failed ${errors} times in a row: ${answer.message}`,
        error: answer.message,
        update: fields,
      }
    }
    const until = next(
      answer.retry_after_seconds
        ? new Date(at.getTime() + answer.retry_after_seconds * 1000)
        : null
    )
    return {
      kind: "wait",
      reason: "provider_error",
      until,
      error: answer.message,
      update: { ...fields, next_check_at: until },
    }
  }

  const base = {
    attempts,
    errors: 0,
    last_error: null,
    last_checked_at: at,
    provider_status: answer.status,
    provider_reference: answer.provider_reference ?? facts.provider_reference,
  }

  if (PAID.includes(answer.status)) {
    if (facts.kind === "cart") return { kind: "complete", update: base }
    return {
      kind: "recovered",
      action: "authorized",
      update: {
        ...base,
        status: "recovered",
        resolution: "autopilot",
        recovered_at: at,
        next_check_at: null,
      },
    }
  }

  const expiry = expiresAt(
    options,
    facts.session_created_at,
    facts.provider_id
  ).getTime()
  const expired = at.getTime() >= expiry
  const waiting = WAITING.includes(answer.status)
  if (waiting && !expired) {
    const until = next()
    return {
      kind: "wait",
      reason: "still_waiting",
      until,
      update: { ...base, next_check_at: until },
    }
  }

  const resolution = waiting ? "expired" : "provider_failed"
  return {
    kind: "abandon",
    resolution,
    update: {
      ...base,
      status: "abandoned",
      resolution,
      reason: waiting
        ? `still ${answer.status} after ${
            (expiry - facts.session_created_at.getTime()) / 3_600_000
          } h`
        : `the provider reports ${answer.status}`,
      next_check_at: null,
    },
  }
}

/** After completing a paid cart: recovered, or the merchant must look. */
export function afterCompletion(
  paid: Extract<Decision, { kind: "complete" }>,
  outcome: CompletionOutcome,
  at: Date
): Outcome {
  if (outcome.order_id !== null) {
    return {
      kind: "recovered",
      action: "recovered",
      update: {
        ...paid.update,
        status: "recovered",
        resolution: "autopilot",
        order_id: outcome.order_id,
        recovered_at: at,
        next_check_at: null,
      },
    }
  }
  return {
    kind: "give_up",
    reason: `paid at the provider, but the order could not be created: ${
      outcome.cause
    }${outcome.refunded ? "; Medusa refunded the payment" : ""}`,
    update: { ...paid.update, refunded: outcome.refunded },
  }
}

/**
 * The `Retry-After` a provider sent with its error, in seconds: from the
 * error's headers when Medusa kept them (stripe-node's errors carry
 * `headers`), else from a "Retry-After: N" in the message (the sandbox
 * provider's form). Null when it asked for nothing.
 */
export function retryAfterOf(error: unknown, message: string): number | null {
  const headers = (error as { headers?: Record<string, unknown> } | null)
    ?.headers
  const fromHeader = headers?.["retry-after"]
  const raw =
    typeof fromHeader === "string" || typeof fromHeader === "number"
      ? String(fromHeader)
      : /retry-after:?\s*(\d+)/i.exec(message)?.[1]
  const seconds = raw === undefined ? NaN : Number(raw)
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null
}
