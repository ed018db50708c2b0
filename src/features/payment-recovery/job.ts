import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { matchesAny } from "../../lib/glob"
import { forEachBatch, forEachItem, keysetAfter } from "../../runtime/batching"
import { idPage, idRangeBetween, newestId } from "../../runtime/id-time"
import { autopilotService } from "../../runtime/settings"
import type { JobHandler, RunContext } from "../../runtime/types"
import { expiresAt, nextCheckAt, type PaymentRecoveryOptions } from "./cadence"
import { checkPaymentSessionWorkflow } from "../../workflows/payment-recovery/workflows/check-payment-session"
import { recordPaymentRecoveryWorkflow } from "../../workflows/payment-recovery/workflows/record-payment-recovery"

/** Session statuses that can still become (or wait to become) a paid order. */
const OPEN_STATUSES = [
  "pending",
  "requires_more",
  "authorized",
  "pending_authorization",
]
const PAID = ["authorized", "captured"]
const WAITING = ["pending", "requires_more", "pending_authorization"]
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

type Recovery = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["listPaymentRecoveries"]>
>[number]

type SessionRow = {
  id: string
  status: string
  provider_id: string
  amount: number
  currency_code: string
  created_at: string | Date
  payment_collection_id: string
  data: Record<string, unknown> | null
}

function query(container: MedusaContainer) {
  return container.resolve(ContainerRegistrationKeys.QUERY)
}

async function orderForCarts(
  container: MedusaContainer,
  cartIds: string[]
): Promise<Map<string, string>> {
  if (!cartIds.length) return new Map()
  const { data } = await query(container).graph({
    entity: "order_cart",
    fields: ["cart_id", "order_id"],
    filters: { cart_id: cartIds },
  })
  return new Map(
    (data as { cart_id: string; order_id: string }[]).map((r) => [
      r.cart_id,
      r.order_id,
    ])
  )
}

/**
 * Finds payment sessions worth following and records them: open sessions of
 * allow-listed providers, older than `min_age_minutes` and younger than
 * `max_age_hours`, whose cart has no order — or whose order waits for a
 * `pending_authorization` payment. Never touches another provider.
 */
async function discover(ctx: RunContext, options: PaymentRecoveryOptions) {
  const container = ctx.container
  const service = autopilotService(container)
  const at = ctx.now().getTime()
  const youngest = new Date(at - options.min_age_minutes * MINUTE)
  const oldest = new Date(at - options.max_age_hours * 60 * MINUTE)

  // payment_session has no index on created_at: page through the primary
  // key inside the ids of the age window (see runtime/id-time.ts).
  const newest = await newestId(container, "payment_session")
  if (!newest) return
  const range = idRangeBetween(newest, oldest, youngest)
  await forEachBatch<SessionRow, string>(ctx, {
    batchSize: options.batch_size,
    cursorOf: (row) => row.id,
    fetch: async (cursor, limit) => {
      const { data } = await query(container).graph({
        entity: "payment_session",
        fields: [
          "id",
          "status",
          "provider_id",
          "amount",
          "currency_code",
          "created_at",
          "payment_collection_id",
          "data",
        ],
        filters: {
          status: OPEN_STATUSES,
          created_at: { $lte: youngest, $gte: oldest },
          ...idPage(range, cursor),
        } as Record<string, unknown>,
        pagination: { take: limit, order: { id: "ASC" } },
      })
      return data as SessionRow[]
    },
    handle: async (sessions) => {
      const allowed = sessions.filter((s) =>
        matchesAny(s.provider_id, options.providers)
      )
      ctx.count("skipped", sessions.length - allowed.length)
      if (!allowed.length) return

      const known = await service.listPaymentRecoveries(
        { payment_session_id: allowed.map((s) => s.id) },
        { select: ["payment_session_id"], take: null }
      )
      const knownIds = new Set(known.map((k) => k.payment_session_id))
      const fresh = allowed.filter((s) => !knownIds.has(s.id))
      if (!fresh.length) return

      const { data: links } = await query(container).graph({
        entity: "cart_payment_collection",
        fields: ["cart_id", "payment_collection_id"],
        filters: {
          payment_collection_id: fresh.map((s) => s.payment_collection_id),
        },
      })
      const cartOf = new Map(
        (links as { cart_id: string; payment_collection_id: string }[]).map(
          (l) => [l.payment_collection_id, l.cart_id]
        )
      )
      const cartIds = [...new Set(cartOf.values())]
      const orders = await orderForCarts(container, cartIds)
      const { data: carts } = cartIds.length
        ? await query(container).graph({
            entity: "cart",
            fields: ["id", "email"],
            filters: { id: cartIds },
          })
        : { data: [] }
      const emailOf = new Map(
        (carts as { id: string; email: string | null }[]).map((c) => [
          c.id,
          c.email,
        ])
      )

      for (const session of fresh) {
        const cartId = cartOf.get(session.payment_collection_id)
        if (!cartId) continue // not a cart payment (e.g. an order edit)
        const orderId = orders.get(cartId) ?? null
        const kind = orderId ? "order" : "cart"
        if (kind === "order" && session.status !== "pending_authorization")
          continue
        if (ctx.dryRun) {
          ctx.changed("track", session.id)
          continue
        }
        const created = await service
          .createPaymentRecoveries({
            payment_session_id: session.id,
            payment_collection_id: session.payment_collection_id,
            cart_id: cartId,
            order_id: orderId,
            kind,
            provider_id: session.provider_id,
            amount: session.amount,
            currency_code: session.currency_code,
            email: emailOf.get(cartId) ?? null,
            provider_status: session.status,
            provider_reference:
              typeof session.data?.id === "string" ? session.data.id : null,
            session_created_at: new Date(session.created_at),
            next_check_at: ctx.now(),
          })
          .catch(() => null) // recorded by a concurrent run: fine
        if (created) ctx.changed("track", session.id)
      }
    },
  })
}

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
  const { merchantEmail } = await autopilotService(ctx.container).getOptions()
  let notifiedAt: Date | null = rec.attention_notified_at
    ? new Date(rec.attention_notified_at)
    : null
  if (!notifiedAt && merchantEmail) {
    const sent = await ctx.notify({
      name: "autopilot.merchant.attention",
      to: merchantEmail,
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

async function checkOne(
  ctx: RunContext,
  options: PaymentRecoveryOptions,
  rec: Recovery
) {
  if (ctx.dryRun) {
    ctx.changed("check", rec.id)
    return
  }
  const container = ctx.container
  const at = ctx.now()
  const attempts = rec.attempts + 1
  const expired =
    at.getTime() >=
    expiresAt(options, new Date(rec.session_created_at)).getTime()

  if (rec.kind === "cart") {
    const orderId = (await orderForCarts(container, [rec.cart_id])).get(
      rec.cart_id
    )
    if (orderId) {
      await record(ctx, rec.id, {
        status: "recovered",
        resolution: "elsewhere",
        order_id: orderId,
        next_check_at: null,
        last_checked_at: at,
      })
      ctx.count("skipped")
      return
    }
  }

  let reading
  try {
    const { result } = await checkPaymentSessionWorkflow(container).run({
      input: {
        payment_session_id: rec.payment_session_id,
        cart_id: rec.cart_id,
      },
    })
    reading = result
  } catch (e) {
    const message = (e as Error).message || String(e)
    const errors = rec.errors + 1
    ctx.fail(rec.id, `provider: ${message}`)
    if (errors >= options.max_errors) {
      await needsAttention(
        ctx,
        rec,
        `the provider failed ${errors} times in a row: ${message}`,
        {
          attempts,
          errors,
          last_error: message,
          last_checked_at: at,
        }
      )
      return
    }
    await record(ctx, rec.id, {
      attempts,
      errors,
      last_error: message,
      last_checked_at: at,
      next_check_at: nextCheckAt(
        options,
        rec.provider_id,
        attempts,
        at,
        new Date(rec.session_created_at)
      ),
    })
    return
  }

  const base = {
    attempts,
    errors: 0,
    last_error: null,
    last_checked_at: at,
    provider_status: reading.status,
    provider_reference: reading.provider_reference ?? rec.provider_reference,
  }

  if (PAID.includes(reading.status)) {
    if (rec.kind === "order") {
      await record(ctx, rec.id, {
        ...base,
        status: "recovered",
        resolution: "autopilot",
        recovered_at: at,
        next_check_at: null,
      })
      ctx.changed("authorized", rec.id)
      return
    }
    const { result, errors } = await completeCartWorkflow(container).run({
      input: { id: rec.cart_id },
      throwOnError: false,
    })
    const orderId =
      result?.id ??
      (await orderForCarts(container, [rec.cart_id])).get(rec.cart_id)
    if (orderId) {
      await record(ctx, rec.id, {
        ...base,
        status: "recovered",
        resolution: "autopilot",
        order_id: orderId,
        recovered_at: at,
        next_check_at: null,
      })
      ctx.changed("recovered", rec.id)
      return
    }
    const cause = errors?.[0]?.error?.message ?? "cart completion failed"
    const refunded = await wasRefunded(container, rec.payment_session_id)
    await needsAttention(
      ctx,
      rec,
      `paid at the provider, but the order could not be created: ${cause}${
        refunded ? "; Medusa refunded the payment" : ""
      }`,
      { ...base, refunded }
    )
    return
  }

  if (WAITING.includes(reading.status) && !expired) {
    await record(ctx, rec.id, {
      ...base,
      next_check_at: nextCheckAt(
        options,
        rec.provider_id,
        attempts,
        at,
        new Date(rec.session_created_at)
      ),
    })
    ctx.count("skipped")
    return
  }

  await record(ctx, rec.id, {
    ...base,
    status: "abandoned",
    resolution:
      expired && WAITING.includes(reading.status)
        ? "expired"
        : "provider_failed",
    reason:
      expired && WAITING.includes(reading.status)
        ? `still ${reading.status} after ${options.max_age_hours} h`
        : `the provider reports ${reading.status}`,
    next_check_at: null,
  })
  ctx.changed("abandoned", rec.id)
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
      await forEachItem(
        ctx,
        batch,
        (r) => r.id,
        (r) => checkOne(ctx, options, r)
      )
    },
  })
}

/**
 * Authorized payments never captured, older than `authorization_warning_days`:
 * listed for the merchant, who is told once per payment.
 */
async function watchAuthorizations(
  ctx: RunContext,
  options: PaymentRecoveryOptions
) {
  const container = ctx.container
  const service = autopilotService(container)
  const threshold = new Date(
    ctx.now().getTime() - options.authorization_warning_days * DAY
  )
  const { merchantEmail } = await service.getOptions()
  // payment has no index on created_at: page through the primary key
  // inside the ids of the look-back window (see runtime/id-time.ts).
  const lookbackStart = new Date(
    threshold.getTime() - options.authorization_lookback_days * DAY
  )
  const newest = await newestId(container, "payment")
  if (!newest) return
  const range = idRangeBetween(newest, lookbackStart, threshold)
  await forEachBatch<
    {
      id: string
      created_at: string | Date
      provider_id: string
      amount: number
      currency_code: string
      payment_collection_id: string
    },
    string
  >(ctx, {
    batchSize: options.batch_size,
    cursorOf: (p) => p.id,
    fetch: async (cursor, limit) => {
      const { data } = await query(container).graph({
        entity: "payment",
        fields: [
          "id",
          "created_at",
          "provider_id",
          "amount",
          "currency_code",
          "payment_collection_id",
        ],
        filters: {
          captured_at: null,
          canceled_at: null,
          created_at: { $lt: threshold, $gte: lookbackStart },
          ...idPage(range, cursor),
        } as Record<string, unknown>,
        pagination: { take: limit, order: { id: "ASC" } },
      })
      return data as never
    },
    handle: async (payments) => {
      const known = await service.listAuthorizationWarnings(
        { payment_id: payments.map((p) => p.id) },
        { take: null }
      )
      const knownIds = new Set(
        known
          .filter((k) => k.notified_at || !merchantEmail)
          .map((k) => k.payment_id)
      )
      for (const payment of payments.filter((p) => !knownIds.has(p.id))) {
        if (ctx.dryRun) {
          ctx.changed("authorization_warning", payment.id)
          continue
        }
        const existing = known.find((k) => k.payment_id === payment.id)
        const warning =
          existing ??
          (await service.createAuthorizationWarnings({
            payment_id: payment.id,
            payment_collection_id: payment.payment_collection_id,
            provider_id: payment.provider_id,
            amount: payment.amount,
            currency_code: payment.currency_code,
            authorized_at: new Date(payment.created_at),
          }))
        if (merchantEmail) {
          const sent = await ctx.notify({
            name: "autopilot.merchant.attention",
            to: merchantEmail,
            idempotencyKey: `authorization-expiring:${payment.id}`,
            itemId: payment.id,
            resourceId: payment.id,
            resourceType: "payment",
            data: {
              subject: "An authorized payment is about to lapse",
              reason: `authorized ${options.authorization_warning_days}+ days ago and never captured`,
              payment_id: payment.id,
              provider_id: payment.provider_id,
              amount: payment.amount,
              currency_code: payment.currency_code,
            },
          })
          if (sent)
            await service.updateAuthorizationWarnings({
              id: warning.id,
              notified_at: ctx.now(),
            })
        }
        ctx.changed("authorization_warning", payment.id)
      }
    },
  })
}

/**
 * One run of `payment-recovery`: record newly stuck payment sessions, check
 * the due ones at their provider (completing paid carts into orders, one
 * order even when racing the webhook or the storefront), then warn about
 * authorizations about to lapse.
 *
 * Skips providers outside the `providers` allow-list, sessions younger than
 * `min_age_minutes` or older than `max_age_hours`, and dismissed records. A
 * provider error fails only its item (retried by the cadence, and after
 * `max_errors` in a row the record needs attention); the run goes on.
 */
export const paymentRecoveryJob: JobHandler<PaymentRecoveryOptions> = async (
  ctx
) => {
  const options = ctx.options
  await discover(ctx, options)
  await checkDue(ctx, options)
  await watchAuthorizations(ctx, options)
}
