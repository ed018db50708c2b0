import type { JobOptions } from "../../catalog/jobs"
import { forEachBatch, forEachItem } from "../../runtime/batching"
import { windowWait } from "../../runtime/contact-rules"
import { AutopilotEvents } from "../../runtime/events"
import { autopilotService } from "../../runtime/settings"
import { issueTokens } from "../../runtime/tokens"
import type { JobHandler, RunContext } from "../../runtime/types"
import {
  availabilityIn,
  loadVariants,
  type VariantInfo,
} from "../../shared/variant-availability"
import { queueRestockCheck } from "./queue"

export type RestockAlertsOptions = JobOptions<"restock-alerts">

type Subscription = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["listRestockSubscriptions"]>
>[number]

const DAY = 86_400_000
const SWEEP_KEY = "restock-alerts:last-sweep"

/** How many of S waiting shoppers a wave alerts when Q units are available. */
export function waveSize(
  available: number,
  waiting: number,
  factor: number
): number {
  if (available <= 0 || waiting <= 0) return 0
  if (!Number.isFinite(available)) return waiting
  return Math.min(waiting, Math.ceil(available * factor))
}

async function expireOld(ctx: RunContext, options: RestockAlertsOptions) {
  const service = autopilotService(ctx.container)
  const before = new Date(ctx.now().getTime() - options.expire_after_days * DAY)
  const old = await service.listRestockSubscriptions(
    {
      status: ["active", "pending_confirmation"],
      active_since: { $lt: before },
    } as never,
    { select: ["id"], take: 1000 }
  )
  for (const sub of old) {
    if (ctx.dryRun) ctx.changed("would-expire", sub.id)
    else ctx.changed("expire", sub.id)
  }
  if (!ctx.dryRun && old.length) {
    await service.updateRestockSubscriptions(
      old.map((s) => ({
        id: s.id,
        status: "expired" as const,
        expired_at: ctx.now(),
      }))
    )
  }
}

/** Rate-limit windows older than a day count for nothing any more. */
async function pruneRateLimits(ctx: RunContext) {
  if (ctx.dryRun) return
  const service = autopilotService(ctx.container)
  const before = new Date(ctx.now().getTime() - DAY)
  const old = await service.listRateLimits(
    { window_start: { $lt: before } } as never,
    { select: ["id"], take: 5000 }
  )
  if (old.length) await service.deleteRateLimits(old.map((r) => r.id))
}

/** Queues every variant with waiting shoppers once per `sweep_hours`: the safety net for lost events. */
async function sweep(ctx: RunContext, options: RestockAlertsOptions) {
  const service = autopilotService(ctx.container)
  const [state] = await service.listStates({ key: SWEEP_KEY })
  const last = state
    ? new Date((state.value as { at: string }).at).getTime()
    : 0
  if (ctx.now().getTime() - last < options.sweep_hours * 3_600_000) return
  let offset = 0
  for (;;) {
    const { rows } = await service.restockDemand({ limit: 500, offset })
    if (!rows.length) break
    if (!ctx.dryRun) {
      await queueRestockCheck(
        ctx.container,
        rows.map((r) => r.variant_id),
        "sweep"
      )
    }
    offset += rows.length
  }
  if (ctx.dryRun) return
  const value = { at: ctx.now().toISOString() }
  if (state) await service.updateStates({ id: state.id, value })
  else
    await service.createStates({ key: SWEEP_KEY, value }).catch(() => undefined)
}

type AlertLinks = { alert: string; unsubscribe: string }

/** Sends one alert; true when it went out (or had gone out before). */
async function alert(
  ctx: RunContext,
  options: RestockAlertsOptions,
  base: string,
  variant: VariantInfo,
  sub: Subscription,
  links: AlertLinks,
  available: number
): Promise<boolean> {
  const productUrl = options.product_url
    .replace("{storefrontUrl}", base)
    .replace("{handle}", encodeURIComponent(variant.product?.handle ?? ""))
  return ctx.notify({
    name: "autopilot.restock.available",
    to: sub.email,
    // One alert per subscription and waiting cycle, whatever happens to the run.
    idempotencyKey: `restock-alert:${sub.id}:${new Date(sub.active_since ?? sub.created_at).toISOString()}`,
    itemId: sub.id,
    resourceId: variant.id,
    resourceType: "product_variant",
    receiverId: sub.customer_id ?? undefined,
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
  })
}

/** Sends at once per wave: each send is still its own call, so one failure costs one alert. */
const SEND_CONCURRENCY = 8

/**
 * One wave for one variant in one channel: with Q available and S waiting,
 * alerts the ceil(Q × wave_factor) oldest. Returns whether shoppers are
 * still waiting while stock remains (the next run sends the next wave).
 */
async function wave(
  ctx: RunContext,
  options: RestockAlertsOptions,
  variant: VariantInfo,
  salesChannelId: string,
  available: number
): Promise<boolean> {
  const service = autopilotService(ctx.container)
  const filters = {
    variant_id: variant.id,
    sales_channel_id: salesChannelId,
    status: "active" as const,
  }
  const [, waiting] = await service.listAndCountRestockSubscriptions(filters, {
    take: 1,
    select: ["id"],
  })
  const size = waveSize(available, waiting, options.wave_factor)
  if (!size) return false
  // Outside the shop's contact window no wave starts: the variant stays
  // queued and the first run inside the window sends it.
  const { contactWindow } = await service.getOptions()
  if (contactWindow && windowWait(contactWindow, ctx.now()) > 0) {
    ctx.count("skipped")
    ctx.note(
      `Waiting to send: outside the contact window (${contactWindow.start}–${contactWindow.end} ${contactWindow.time_zone})`
    )
    return true
  }
  const subs = await service.listRestockSubscriptions(filters, {
    order: { created_at: "ASC", id: "ASC" },
    take: size,
  })
  if (ctx.dryRun) {
    subs.forEach((s) => ctx.changed("would-alert", s.id))
    return false
  }
  const waveRow = await service.createRestockWaves({
    variant_id: variant.id,
    sales_channel_id: salesChannelId,
    available: Number.isFinite(available) ? available : null,
    waiting,
    size: subs.length,
    run_id: ctx.runId,
  })
  const { storefrontUrl } = await service.getOptions()
  const base = storefrontUrl.replace(/\/$/, "")
  // Two links per alert, written in one go for the whole wave.
  const tokens = await issueTokens(
    ctx.container,
    subs.flatMap((sub) => [
      {
        purpose: "restock_alert" as const,
        subjectId: sub.id,
        ttlMs: options.conversion_days * DAY,
      },
      { purpose: "unsubscribe" as const, subjectId: sub.id, ttlMs: null },
    ])
  )
  const links = new Map(
    subs.map((sub, i) => [
      sub.id,
      { alert: tokens[2 * i], unsubscribe: tokens[2 * i + 1] },
    ])
  )
  const notified: string[] = []
  await forEachItem(
    ctx,
    subs,
    (s) => s.id,
    async (sub) => {
      if (
        await alert(
          ctx,
          options,
          base,
          variant,
          sub,
          links.get(sub.id)!,
          available
        )
      ) {
        notified.push(sub.id)
      }
    },
    { concurrency: SEND_CONCURRENCY }
  )
  // Recorded after sending: a run that dies in between sends nothing twice
  // (the idempotency key), and the next run records them.
  if (notified.length) {
    const at = ctx.now()
    await service.updateRestockSubscriptions(
      notified.map((id) => ({
        id,
        status: "notified" as const,
        notified_at: at,
        wave_id: waveRow.id,
      }))
    )
  }
  await service.updateRestockWaves({ id: waveRow.id, sent: notified.length })
  return waiting > subs.length
}

/**
 * One run of `restock-alerts`: expires old signups, queues every waiting
 * variant once per `sweep_hours`, then for each queued variant and each
 * channel with shoppers waiting re-checks availability (Medusa's rules) and
 * sends one wave sized to the stock. A variant stays queued while stock and
 * shoppers remain, so the next run sends the next wave after a fresh check;
 * when the stock is gone again the rest keep waiting for the next restock.
 *
 * A failed send is an item failure (retried with back-off); the alert's
 * idempotency key means nobody gets two alerts for one restock, even when a
 * run dies between sending and recording.
 */
export const restockAlertsJob: JobHandler<RestockAlertsOptions> = async (
  ctx
) => {
  const options = ctx.options
  const service = autopilotService(ctx.container)
  await expireOld(ctx, options)
  await pruneRateLimits(ctx)
  await sweep(ctx, options)

  await forEachBatch<{ id: string; variant_id: string }, string>(ctx, {
    batchSize: options.batch_size,
    cursorOf: (q) => q.id,
    fetch: (cursor, limit) =>
      service.listRestockQueues(
        (cursor ? { id: { $gt: cursor } } : {}) as never,
        {
          order: { id: "ASC" },
          take: limit,
        }
      ),
    handle: async (queued) => {
      const variants = await loadVariants(
        ctx.container,
        queued.map((q) => q.variant_id)
      )
      const waitingRows = await service.listRestockSubscriptions(
        { variant_id: queued.map((q) => q.variant_id), status: "active" },
        { select: ["variant_id", "sales_channel_id"], take: null }
      )
      const channels = new Map<string, Set<string>>()
      for (const row of waitingRows) {
        const set = channels.get(row.sales_channel_id) ?? new Set<string>()
        set.add(row.variant_id)
        channels.set(row.sales_channel_id, set)
      }
      const keep = new Set<string>()
      for (const [channel, ids] of channels) {
        const inChannel = [...ids]
          .map((id) => variants.get(id))
          .filter((v): v is VariantInfo => !!v)
        const available = await availabilityIn(
          ctx.container,
          inChannel,
          channel
        )
        for (const variant of inChannel) {
          ctx.count("scanned")
          const q = available.get(variant.id) ?? 0
          if (q <= 0) {
            ctx.count("skipped")
            continue
          }
          if (await wave(ctx, options, variant, channel, q))
            keep.add(variant.id)
        }
      }
      const done = queued.filter((q) => !keep.has(q.variant_id))
      if (!ctx.dryRun && done.length) {
        await service.deleteRestockQueues(done.map((q) => q.id))
      }
    },
  })
}
