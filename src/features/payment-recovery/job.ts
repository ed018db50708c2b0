import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { forEachBatch, forEachItem, keysetAfter } from "../../runtime/batching"
import { merchantAlertsOn } from "../../runtime/merchant-webhooks"
import { autopilotService, loadEffectiveSetting } from "../../runtime/settings"
import type { JobHandler, RunContext } from "../../runtime/types"
import { checkPaymentSessionWorkflow } from "../../workflows/payment-recovery/workflows/check-payment-session"
import { recordPaymentRecoveryWorkflow } from "../../workflows/payment-recovery/workflows/record-payment-recovery"
import { watchAuthorizations } from "./authorizations"
import type { PaymentRecoveryOptions } from "./cadence"
import {
  afterCompletion,
  allowListGate,
  beforeAsking,
  type CompletionOutcome,
  decide,
  type Outcome,
  type ProviderAnswer,
  retryAfterOf,
  type SessionFacts,
} from "./decide"
import { discover } from "./discover"
import { orderForCarts } from "./reads"

type Recovery = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["listPaymentRecoveries"]>
>[number]

async function record(
  ctx: RunContext,
  id: string,
  fields: Record<string, unknown>
) {
  await recordPaymentRecoveryWorkflow(ctx.container).run({
    input: { id, ...fields },
  })
}

async function needsAttention(
  ctx: RunContext,
  rec: Recovery,
  reason: string,
  fields: Record<string, unknown> = {}
) {
  const options = await autopilotService(ctx.container).getOptions()
  let notifiedAt: Date | null = rec.attention_notified_at
    ? new Date(rec.attention_notified_at)
    : null
  if (!notifiedAt && merchantAlertsOn(options)) {
    const sent = await ctx.notify({
      name: "autopilot.merchant.attention",
      // Empty: webhooks only (see `merchantWebhooks`).
      to: options.merchantEmail ?? "",
      idempotencyKey: `payment-attention:${rec.id}`,
      itemId: rec.id,
      resourceId: rec.cart_id,
      resourceType: "cart",
      data: {
        subject: "A paid cart needs your attention",
        reason,
        cart_id: rec.cart_id,
        payment_session_id: rec.payment_session_id,
        provider_id: rec.provider_id,
        provider_reference: rec.provider_reference,
        amount: rec.amount,
        currency_code: rec.currency_code,
        customer_email: rec.email,
        refunded: fields.refunded ?? rec.refunded,
      },
    })
    if (sent) notifiedAt = ctx.now()
  }
  await record(ctx, rec.id, {
    status: "needs_attention",
    reason,
    attention_notified_at: notifiedAt,
    next_check_at: null,
    ...fields,
  })
  ctx.changed("needs_attention", rec.id)
}

/** Whether Medusa refunded or canceled the payment when completion failed. */
async function wasRefunded(container: MedusaContainer, sessionId: string) {
  const payments = await container
    .resolve(Modules.PAYMENT)
    .listPayments({ payment_session_id: sessionId }, { relations: ["refunds"] })
  return payments.some((p) => !!p.canceled_at || (p.refunds?.length ?? 0) > 0)
}

function factsOf(rec: Recovery): SessionFacts {
  return {
    kind: rec.kind as SessionFacts["kind"],
    provider_id: rec.provider_id,
    provider_reference: rec.provider_reference,
    attempts: rec.attempts,
    errors: rec.errors,
    session_created_at: new Date(rec.session_created_at),
  }
}

/** Asks the provider (through Medusa's payment module) for the session. */
async function ask(
  container: MedusaContainer,
  rec: Recovery
): Promise<ProviderAnswer> {
  try {
    const { result } = await checkPaymentSessionWorkflow(container).run({
      input: {
        payment_session_id: rec.payment_session_id,
        cart_id: rec.cart_id,
      },
    })
    return {
      ok: true,
      status: result.status,
      provider_reference: result.provider_reference,
    }
  } catch (e) {
    const message = (e as Error).message || String(e)
    return {
      ok: false,
      message,
      retry_after_seconds: retryAfterOf(e, message),
    }
  }
}

/** The allow-list as stored now: the merchant may narrow it mid-run. */
async function currentAllowList(ctx: RunContext) {
  const setting = await loadEffectiveSetting(ctx.container, "payment-recovery")
  return setting.options as Pick<PaymentRecoveryOptions, "providers">
}

/** Completes a paid cart; one order even when racing the storefront. */
async function complete(
  container: MedusaContainer,
  rec: Recovery
): Promise<CompletionOutcome> {
  const { result, errors } = await completeCartWorkflow(container).run({
    input: { id: rec.cart_id },
    throwOnError: false,
  })
  const orderId =
    result?.id ??
    (await orderForCarts(container, [rec.cart_id])).get(rec.cart_id)
  if (orderId) return { order_id: orderId }
  return {
    order_id: null,
    cause: errors?.[0]?.error?.message ?? "cart completion failed",
    refunded: await wasRefunded(container, rec.payment_session_id),
  }
}

/** Carries out a decision: writes the record and counts it. */
async function act(ctx: RunContext, rec: Recovery, decision: Outcome) {
  switch (decision.kind) {
    case "skip":
      await record(ctx, rec.id, decision.update)
      if (decision.reason === "provider_not_allowed")
        ctx.changed("not_allowed", rec.id)
      else ctx.count("skipped")
      return
    case "wait":
      if (decision.error) ctx.fail(rec.id, `provider: ${decision.error}`)
      await record(ctx, rec.id, decision.update)
      if (decision.reason === "still_waiting") ctx.count("skipped")
      return
    case "give_up":
      if (decision.error) ctx.fail(rec.id, `provider: ${decision.error}`)
      await needsAttention(ctx, rec, decision.reason, decision.update)
      return
    case "abandon":
      await record(ctx, rec.id, decision.update)
      ctx.changed("abandoned", rec.id)
      return
    case "recovered":
      await record(ctx, rec.id, decision.update)
      ctx.changed(decision.action, rec.id)
      return
  }
}

/** Gathers the facts (I/O), lets `decide` choose, then acts on it. */
async function checkOne(
  ctx: RunContext,
  options: PaymentRecoveryOptions,
  rec: Recovery
) {
  const container = ctx.container
  const at = ctx.now()
  const facts = factsOf(rec)

  // The allow-list is asked at every re-check, not only at discovery.
  const notAllowed = allowListGate(facts, options, at)
  if (ctx.dryRun) {
    ctx.changed(notAllowed ? "not_allowed" : "check", rec.id)
    return
  }
  if (notAllowed) return act(ctx, rec, notAllowed)

  if (rec.kind === "cart") {
    const orders = await orderForCarts(container, [rec.cart_id])
    const early = beforeAsking(facts, orders.get(rec.cart_id) ?? null, at)
    if (early) return act(ctx, rec, early)
  }

  const decision = decide(facts, await ask(container, rec), at, options)
  if (decision.kind !== "complete") return act(ctx, rec, decision)
  // ...and right before completing: never an order for a provider the
  // merchant removed while this run was asking.
  const removed = allowListGate(facts, await currentAllowList(ctx), ctx.now())
  if (removed) return act(ctx, rec, removed)
  const outcome = await complete(container, rec)
  await act(ctx, rec, afterCompletion(decision, outcome, at))
}

async function checkDue(ctx: RunContext, options: PaymentRecoveryOptions) {
  const service = autopilotService(ctx.container)
  const at = ctx.now()
  await forEachBatch<Recovery, { next_check_at: Date; id: string }>(ctx, {
    batchSize: options.batch_size,
    cursorOf: (r) => ({ next_check_at: new Date(r.next_check_at!), id: r.id }),
    fetch: async (cursor, limit) => {
      const after = keysetAfter("next_check_at", cursor, { $lte: at })
      return service.listPaymentRecoveries(
        { status: "pending", dismissed_at: null, ...after } as Record<
          string,
          unknown
        >,
        { order: { next_check_at: "ASC", id: "ASC" }, take: limit }
      )
    },
    handle: async (batch) => {
      // One at a time, in due order: iDEAL's rules forbid status requests
      // in parallel batches, and no provider is asked twice at once.
      await forEachItem(
        ctx,
        batch,
        (r) => r.id,
        (r) => checkOne(ctx, options, r),
        { concurrency: 1 }
      )
    },
  })
}

/**
 * One run of `payment-recovery`: record newly stuck payment sessions, check
 * the due ones at their provider (completing paid carts into orders, one
 * order even when racing the webhook or the storefront), then warn about
 * authorizations about to lapse.
 *
 * Skips providers outside the `providers` allow-list (asked at discovery,
 * at every re-check and right before completion; never `pp_system_default`),
 * sessions younger than `min_age_minutes` or past their preset's last check,
 * and dismissed records. Checks are serial, on each provider's cadence
 * preset, and respect a provider's Retry-After. A provider error fails only
 * its item (retried by the cadence, and after `max_errors` in a row the
 * record needs attention); the run goes on.
 */
export const paymentRecoveryJob: JobHandler<PaymentRecoveryOptions> = async (
  ctx
) => {
  const options = ctx.options
  await discover(ctx, options)
  await checkDue(ctx, options)
  await watchAuthorizations(ctx, options)
}
