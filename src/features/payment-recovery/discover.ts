import { forEachBatch } from "../../runtime/batching"
import { idPage, idRangeBetween, newestId } from "../../runtime/id-time"
import { autopilotService } from "../../runtime/settings"
import type { RunContext } from "../../runtime/types"
import {
  firstCheckAt,
  isAllowedProvider,
  type PaymentRecoveryOptions,
} from "./cadence"
import { OPEN_STATUSES } from "./decide"
import { orderForCarts, query } from "./reads"

const MINUTE = 60_000

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

/**
 * Finds payment sessions worth following and records them: open sessions of
 * allow-listed providers, older than `min_age_minutes` and younger than
 * `max_age_hours`, whose cart has no order — or whose order waits for a
 * `pending_authorization` payment. Never touches another provider.
 */
export async function discover(
  ctx: RunContext,
  options: PaymentRecoveryOptions
) {
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
        isAllowedProvider(s.provider_id, options.providers)
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
            next_check_at: firstCheckAt(
              options,
              session.provider_id,
              ctx.now(),
              new Date(session.created_at)
            ),
          })
          .catch(() => null) // recorded by a concurrent run: fine
        if (created) ctx.changed("track", session.id)
      }
    },
  })
}
