import type { JobOptions } from "../../catalog/jobs"
import { forEachBatch } from "../../runtime/batching"
import { windowWait } from "../../runtime/contact-rules"
import { autopilotService } from "../../runtime/settings"
import type { JobHandler, RunContext } from "../../runtime/types"
import {
  availabilityIn,
  loadVariants,
  type VariantInfo,
} from "../../shared/variant-availability"
import { queueRestockCheck } from "./queue"
import { alertMembers } from "./wave"

export type RestockAlertsOptions = JobOptions<"restock-alerts">

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
  const ids = await autopilotService(ctx.container).expireRestockSubscriptions({
    before: new Date(ctx.now().getTime() - options.expire_after_days * DAY),
    at: ctx.now(),
    limit: 1000,
    dryRun: ctx.dryRun,
  })
  for (const id of ids) ctx.changed(ctx.dryRun ? "would-expire" : "expire", id)
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

/** A wave to send: a variant in a channel with stock and shoppers waiting. */
type WavePlan = {
  variant: VariantInfo
  channel: string
  available: number
  waiting: number
  size: number
}

/**
 * The waves of one batch of queued variants, started and sent together:
 * one insert for the waves, one read for their members (the ceil(Q ×
 * wave_factor) oldest of the S waiting, per variant and channel), then
 * the members alerted in notification batches. Returns the variants whose
 * shoppers still wait while stock remains (the next run sends the next
 * wave after a fresh check).
 */
async function sendWaves(
  ctx: RunContext<RestockAlertsOptions>,
  plans: WavePlan[]
): Promise<Set<string>> {
  const service = autopilotService(ctx.container)
  const keep = new Set<string>()
  if (!plans.length) return keep
  // Outside the shop's contact window no wave starts: the variants stay
  // queued and the first run inside the window sends them.
  const { contactWindow } = await service.getOptions()
  if (contactWindow && windowWait(contactWindow, ctx.now()) > 0) {
    for (const plan of plans) {
      ctx.count("skipped")
      keep.add(plan.variant.id)
    }
    ctx.note(
      `Waiting to send: outside the contact window (${contactWindow.start}–${contactWindow.end} ${contactWindow.time_zone})`
    )
    return keep
  }
  if (ctx.dryRun) {
    for (const plan of plans) {
      const subs = await service.listRestockSubscriptions(
        {
          variant_id: plan.variant.id,
          sales_channel_id: plan.channel,
          status: "active",
        },
        {
          order: { created_at: "ASC", id: "ASC" },
          take: plan.size,
          select: ["id"],
        }
      )
      subs.forEach((s) => ctx.changed("would-alert", s.id))
    }
    return keep
  }
  const members = await service.startRestockWaves(
    plans.map((p) => ({
      variant_id: p.variant.id,
      sales_channel_id: p.channel,
      available: Number.isFinite(p.available) ? p.available : null,
      waiting: p.waiting,
      size: p.size,
      run_id: ctx.runId,
    }))
  )
  const alerted = new Map<string, number>()
  for (const m of members) {
    const pair = `${m.variant_id}|${m.sales_channel_id}`
    alerted.set(pair, (alerted.get(pair) ?? 0) + 1)
  }
  for (const p of plans) {
    if (p.waiting > (alerted.get(`${p.variant.id}|${p.channel}`) ?? 0)) {
      keep.add(p.variant.id)
    }
  }
  const targets = new Map(
    plans.map((p) => [
      `${p.variant.id}|${p.channel}`,
      { variant: p.variant, available: p.available },
    ])
  )
  await alertMembers(ctx, members, targets)
  return keep
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
      const channels = new Map<string, Map<string, number>>()
      for (const row of await service.restockWaiting(
        queued.map((q) => q.variant_id)
      )) {
        const waiting = channels.get(row.sales_channel_id) ?? new Map()
        waiting.set(row.variant_id, row.waiting)
        channels.set(row.sales_channel_id, waiting)
      }
      const plans: WavePlan[] = []
      for (const [channel, waiting] of channels) {
        const inChannel = [...waiting.keys()]
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
          const count = waiting.get(variant.id) ?? 0
          const size = waveSize(q, count, options.wave_factor)
          if (size) {
            plans.push({ variant, channel, available: q, waiting: count, size })
          }
        }
      }
      const keep = await sendWaves(ctx, plans)
      const done = queued.filter((q) => !keep.has(q.variant_id))
      if (!ctx.dryRun && done.length) {
        await service.deleteRestockQueues(done.map((q) => q.id))
      }
    },
  })
}
