import { forEachBatch } from "../../runtime/batching"
import { idPage, idRangeBetween, newestId } from "../../runtime/id-time"
import { merchantAlertsOn } from "../../runtime/merchant-webhooks"
import { autopilotService } from "../../runtime/settings"
import type { RunContext } from "../../runtime/types"
import type { PaymentRecoveryOptions } from "./cadence"
import { query } from "./reads"

const DAY = 24 * 60 * 60_000

/**
 * Authorized payments never captured, older than `authorization_warning_days`:
 * listed for the merchant, who is told once per payment.
 */
export async function watchAuthorizations(
  ctx: RunContext,
  options: PaymentRecoveryOptions
) {
  const container = ctx.container
  const service = autopilotService(container)
  const threshold = new Date(
    ctx.now().getTime() - options.authorization_warning_days * DAY
  )
  const alertsOn = merchantAlertsOn(await service.getOptions())
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
        known.filter((k) => k.notified_at || !alertsOn).map((k) => k.payment_id)
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
        if (alertsOn) {
          const sent = await ctx.notify({
            name: "autopilot.merchant.attention",
            // Empty: webhooks only (see `merchantWebhooks`).
            to: merchantEmail ?? "",
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
