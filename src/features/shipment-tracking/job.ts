import type { ProviderName } from "../../carriers"
import { forEachBatch } from "../../runtime/batching"
import { autopilotService } from "../../runtime/settings"
import type { JobHandler, RunContext } from "../../runtime/types"
import {
  type Lateness,
  latenessAt,
  latenessAtExpiry,
  latenessWrite,
  shortestStall,
} from "../../workflows/tracking/utils/lateness"
import type { ShipmentTrackingOptions } from "./options"
import { poll, reportProviders, settleAll } from "./poll"
import { backfill } from "./start"
import { saveTrackedShipmentsWorkflow } from "../../workflows/tracking/workflows/save-tracked-shipments"

const DAY = 86_400_000

type Shipment = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["listTrackedShipments"]>
>[number]

const HOUR = 3_600_000

const date = (v: unknown) => (v ? new Date(v as string | Date) : null)

function lateFacts(r: { lateness?: string | null; late_since?: unknown }) {
  return {
    lateness: (r.lateness ?? null) as Lateness | null,
    late_since: date(r.late_since),
  }
}

/**
 * Marks followed parcels late or stuck (see `./lateness`): past the
 * carrier's estimate plus `delay_grace_hours` → `delayed`; no carrier event
 * for the status's `stall_days` → `stalled`. A new lateness leaves the
 * parcel's messages pending, so `settlePending` alerts the merchant once per
 * episode (and the customer once, with `notify_customer_late`).
 */
async function flagLateness(ctx: RunContext, options: ShipmentTrackingOptions) {
  const service = autopilotService(ctx.container)
  const at = ctx.now()
  const rules = {
    stall_days: options.stall_days as Partial<Record<string, number>>,
    delay_grace_hours: options.delay_grace_hours,
  }
  // Only parcels that can have changed: late already, past an estimate, or
  // quiet longer than the shortest stall window.
  const maybe: Record<string, unknown>[] = [
    { lateness: { $ne: null } },
    {
      estimated_delivery_at: {
        $lt: new Date(at.getTime() - options.delay_grace_hours * HOUR),
      },
    },
  ]
  const stall = shortestStall(rules)
  if (stall !== null) {
    const quietSince = new Date(at.getTime() - stall)
    // The last sign of life: the latest carrier event, else the shipping date.
    maybe.push(
      { last_carrier_event_at: { $lt: quietSince } },
      { last_carrier_event_at: null, started_at: { $lt: quietSince } }
    )
  }
  await forEachBatch<Shipment, { id: string }>(ctx, {
    batchSize: options.batch_size,
    cursorOf: (s) => ({ id: s.id }),
    fetch: (cursor, limit) =>
      service.listTrackedShipments(
        {
          next_check_at: { $ne: null },
          $or: maybe,
          ...(cursor ? { id: { $gt: cursor.id } } : {}),
        } as never,
        { order: { id: "ASC" }, take: limit }
      ),
    handle: async (batch) => {
      const updates: Record<string, unknown>[] = []
      for (const s of batch) {
        const facts = {
          status: s.status,
          ...lateFacts(s),
          estimated_delivery_at: date(s.estimated_delivery_at),
          last_event_at: date(s.last_event_at),
          last_carrier_event_at: date(s.last_carrier_event_at),
          started_at: new Date(s.started_at),
        }
        const next = latenessAt(facts, rules, at)
        const write = latenessWrite(facts, next)
        if (!write) continue
        if (next.lateness && next.lateness !== facts.lateness) {
          ctx.changed(
            `status:${next.lateness === "stalled" ? "stuck" : "late"}`,
            s.id
          )
        }
        updates.push({ id: s.id, ...write })
      }
      if (ctx.dryRun || !updates.length) return
      await saveTrackedShipmentsWorkflow(ctx.container).run({
        input: { updates: updates as never },
      })
    },
  })
}

/** Shipments followed longer than `max_tracking_days` without an end: `expired`. */
async function expire(ctx: RunContext, options: ShipmentTrackingOptions) {
  const service = autopilotService(ctx.container)
  const cutoff = new Date(ctx.now().getTime() - options.max_tracking_days * DAY)
  for (;;) {
    const rows = await service.listTrackedShipments(
      { started_at: { $lt: cutoff }, next_check_at: { $ne: null } } as never,
      {
        select: ["id", "lateness", "late_since"],
        take: options.batch_size,
        order: { id: "ASC" },
      }
    )
    if (!rows.length) return
    if (ctx.dryRun) {
      rows.forEach((r) => ctx.changed("expire", r.id))
      return
    }
    const at = ctx.now()
    // Not dropped silently: an undelivered parcel ends stalled, which
    // alerts the merchant (once) and lists it as stuck in the admin.
    await saveTrackedShipmentsWorkflow(ctx.container).run({
      input: {
        updates: rows.map((r) => ({
          id: r.id,
          status: "expired",
          raw_status: null,
          raw_message: `no delivery within ${options.max_tracking_days} days`,
          next_check_at: null,
          ...(latenessWrite(lateFacts(r), latenessAtExpiry(lateFacts(r), at)) ??
            {}),
        })),
      },
    })
    await service.createShipmentEvents(
      rows.map((r) => ({
        shipment_id: r.id,
        status: "expired" as const,
        message: `no delivery within ${options.max_tracking_days} days`,
        occurred_at: at,
        source: "system" as const,
        applied: true,
        dedupe_key: `expired:${options.max_tracking_days}`,
      }))
    )
    rows.forEach((r) => ctx.changed("expire", r.id))
    if (rows.length < options.batch_size) return
  }
}

/** Messages and delivered marks left pending (a failed send, a webhook whose send failed). */
async function settlePending(
  ctx: RunContext,
  options: ShipmentTrackingOptions
) {
  const service = autopilotService(ctx.container)
  for (const filters of [
    { notify_pending: true },
    { status: "delivered", delivered_marked_at: null },
  ]) {
    await forEachBatch<Shipment, { id: string }>(ctx, {
      batchSize: options.batch_size,
      cursorOf: (s) => ({ id: s.id }),
      fetch: (cursor, limit) =>
        service.listTrackedShipments(
          {
            ...filters,
            ...(cursor ? { id: { $gt: cursor.id } } : {}),
          } as never,
          { order: { id: "ASC" }, take: limit }
        ),
      handle: async (batch) => {
        const allowed = await ctx.attemptable(batch.map((s) => s.id))
        const ids = batch.filter((s) => allowed.has(s.id)).map((s) => s.id)
        if (ids.length) await settleAll(ctx, options, ids)
      },
    })
  }
}

/**
 * One run of `shipment-tracking`: starts following shipped fulfillments no
 * one follows yet (backfill), expires shipments past `max_tracking_days`
 * (an undelivered parcel ends stalled), polls the shipments quiet longer
 * than their status's window (terminal ones never), marks parcels late or
 * stuck, and sends what is still pending. Each parcel's messages go out once
 * per status (keyed), and a fulfillment is marked delivered once.
 *
 * A provider without credentials is reported in the run and skipped; a
 * carrier error (429 beyond the wait, 500, timeout, malformed answer) fails
 * only its parcels, which are retried with back-off. A dry run contacts no
 * carrier and changes nothing: it lists what it would start, check and expire.
 */
export const shipmentTrackingJob: JobHandler<ShipmentTrackingOptions> = async (
  ctx
) => {
  const options = ctx.options
  const used = new Set<ProviderName>(
    [
      options.default_provider,
      ...options.routing.map((r) => r.provider),
    ].filter((p): p is ProviderName => !!p)
  )
  reportProviders(ctx, options, used)
  await backfill(ctx, options)
  await expire(ctx, options)
  await poll(ctx, options)
  await flagLateness(ctx, options)
  if (!ctx.dryRun) await settlePending(ctx, options)
}
