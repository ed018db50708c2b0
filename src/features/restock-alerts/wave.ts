import type { JobOptions } from "../../catalog/jobs"
import { chunks } from "../../runtime/batching"
import { AutopilotEvents } from "../../runtime/events"
import { autopilotService } from "../../runtime/settings"
import { issueTokens } from "../../runtime/tokens"
import type { NotifyInput, RunContext } from "../../runtime/types"
import type { VariantInfo } from "../../shared/variant-availability"

type Options = JobOptions<"restock-alerts">

const DAY = 86_400_000
/** Notification batches sent at once after the first (see {@link alertMembers}). */
const BATCHES_IN_FLIGHT = 2

/** A subscription a wave alerts (as `startRestockWaves` returns it). */
export type WaveMember = {
  id: string
  variant_id: string
  sales_channel_id: string
  email: string
  customer_id: string | null
  locale: string | null
  active_since: Date | string | null
  created_at: Date | string
  wave_id: string
}

/** What the alerts of one (variant, channel) need besides the member, by `variant|channel`. */
export type WaveTarget = { variant: VariantInfo; available: number }

/**
 * The alert of one subscription: its idempotency key is one per
 * subscription and waiting cycle, whatever happens to the run.
 */
export function alertInput(
  options: Options,
  base: string,
  target: WaveTarget,
  sub: WaveMember,
  links: { alert: string; unsubscribe: string }
): NotifyInput {
  const { variant, available } = target
  const productUrl = options.product_url
    .replace("{storefrontUrl}", base)
    .replace("{handle}", encodeURIComponent(variant.product?.handle ?? ""))
  return {
    name: "autopilot.restock.available",
    to: sub.email,
    idempotencyKey: `restock-alert:${sub.id}:${new Date(sub.active_since ?? sub.created_at).toISOString()}`,
    itemId: sub.id,
    resourceId: variant.id,
    resourceType: "product_variant",
    receiverId: sub.customer_id ?? undefined,
    // The alert's links carry the subscription's tokens.
    personal: ["product_url", "unsubscribe_url"],
    sentEvent: {
      name: AutopilotEvents.RESTOCK_ALERT_SENT,
      data: {
        id: sub.id,
        variant_id: variant.id,
        customer_id: sub.customer_id ?? null,
      },
    },
    data: {
      locale: sub.locale,
      product_title: variant.product?.title,
      variant_title: variant.title,
      sku: variant.sku,
      thumbnail: variant.product?.thumbnail ?? null,
      available: Number.isFinite(available) ? available : null,
      product_url: `${productUrl}${productUrl.includes("?") ? "&" : "?"}variant=${variant.id}&autopilot_restock=${links.alert}`,
      unsubscribe_url: `${base}/autopilot/unsubscribe?token=${links.unsubscribe}`,
    },
  }
}

function targetOf(targets: Map<string, WaveTarget>, sub: WaveMember) {
  return targets.get(`${sub.variant_id}|${sub.sales_channel_id}`)!
}

/**
 * Runs `work` for each item, at most `width` at once, starting them in
 * order. After a failure no further item starts; the first error is
 * thrown once those under way have ended (none is left running).
 */
async function inFlight<T>(
  items: T[],
  width: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  const state: { next: number; failure: { error: unknown } | null } = {
    next: 0,
    failure: null,
  }
  const worker = async () => {
    while (!state.failure && state.next < items.length) {
      const item = items[state.next++]
      try {
        await work(item)
      } catch (error) {
        state.failure ??= { error }
      }
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, worker)
  )
  if (state.failure) throw state.failure.error
}

/**
 * Alerts the members of started waves in notification batches (the
 * `notificationBatchSize` option): per batch one write of the links'
 * tokens, one `createNotifications` call, and one statement that marks
 * the alerted subscriptions notified and counts them on their waves. A
 * member backing off after a failed send (or given up) is skipped; a
 * failed send is that member's failure only, retried with back-off.
 *
 * The first batch goes alone (it also settles sends a stopped run left
 * pending); then two batches are in flight, so one batch's rendering and
 * bookkeeping run while the Notification module stores and sends the
 * other's. Each batch still records its sends before the module gets
 * them and counts them only from the module's answer. With a
 * `marketingCap`, batches go one at a time: a batch's cap check must see
 * the sends of the batch before it (an address may wait for two variants).
 *
 * Recorded after sending: a run that dies in between sends nothing twice
 * (the idempotency key), and the next run records them.
 */
export async function alertMembers(
  ctx: RunContext<Options>,
  members: WaveMember[],
  targets: Map<string, WaveTarget>
): Promise<void> {
  if (!members.length) return
  const service = autopilotService(ctx.container)
  const { storefrontUrl, notificationBatchSize, marketingCap } =
    await service.getOptions()
  const base = storefrontUrl.replace(/\/$/, "")
  const allowed = await ctx.attemptable(members.map((m) => m.id))
  const due = members.filter((m) => {
    ctx.count("scanned")
    if (allowed.has(m.id)) return true
    ctx.count("skipped")
    return false
  })
  const send = async (batch: WaveMember[]) => {
    // Two links per alert, written in one statement for the batch.
    const tokens = await issueTokens(
      ctx.container,
      batch.flatMap((sub) => [
        {
          purpose: "restock_alert" as const,
          subjectId: sub.id,
          ttlMs: ctx.options.conversion_days * DAY,
        },
        { purpose: "unsubscribe" as const, subjectId: sub.id, ttlMs: null },
      ])
    )
    const failuresBefore = batch.map((sub) => ctx.failuresOf(sub.id))
    const sent = await ctx.notifyAll(
      batch.map((sub, i) =>
        alertInput(ctx.options, base, targetOf(targets, sub), sub, {
          alert: tokens[2 * i],
          unsubscribe: tokens[2 * i + 1],
        })
      )
    )
    batch.forEach((sub, i) => {
      if (ctx.failuresOf(sub.id) === failuresBefore[i]) ctx.succeeded(sub.id)
    })
    await service.recordRestockAlerts(
      ctx.now(),
      batch
        .filter((_, i) => sent[i])
        .map((sub) => ({ id: sub.id, wave_id: sub.wave_id }))
    )
  }
  const [first, ...rest] = chunks(due, notificationBatchSize)
  if (!first) return
  await send(first)
  await inFlight(rest, marketingCap ? 1 : BATCHES_IN_FLIGHT, send)
}
