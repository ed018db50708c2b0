import {
  type CanonicalStatus,
  type CarrierClient,
  createCarrier,
  providerAvailability,
  PROVIDER_NAMES,
  type ProviderName,
  type TrackSuccess,
} from "../../carriers"
import { forEachBatch, keysetAfter } from "../../runtime/batching"
import { autopilotService } from "../../runtime/settings"
import type { JobHandler, RunContext } from "../../runtime/types"
import { applyShipmentUpdates, type ShipmentUpdate } from "./apply"
import {
  type Lateness,
  latenessAt,
  latenessAtExpiry,
  latenessWrite,
  shortestStall,
} from "../../workflows/tracking/utils/lateness"
import { carrierRuntime, type ShipmentTrackingOptions } from "./options"
import { settleShipment } from "./settle"
import { backfill } from "./start"
import { nextCheckAt } from "../../workflows/tracking/utils/update"
import { saveTrackedShipmentsWorkflow } from "../../workflows/tracking/workflows/save-tracked-shipments"

const DAY = 86_400_000
/** Carrier requests of one provider in flight at once (its rate limiter still spaces them). */
const REQUEST_CONCURRENCY = 4

type Shipment = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["listTrackedShipments"]>
>[number]

function settleEnv(ctx: RunContext, options: ShipmentTrackingOptions) {
  return {
    options,
    send: (input: Parameters<RunContext["notify"]>[0]) => ctx.notify(input),
    now: ctx.now(),
    dryRun: ctx.dryRun,
    changed: (action: string, id: string) => ctx.changed(action, id),
  }
}

const reported = new WeakMap<RunContext, Set<string>>()

/** Says in the run (once each) which providers in use are disabled, and why. */
function reportProviders(
  ctx: RunContext,
  options: ShipmentTrackingOptions,
  names: Set<ProviderName>
) {
  const done = reported.get(ctx) ?? new Set<string>()
  reported.set(ctx, done)
  for (const name of names) {
    if (done.has(name)) continue
    done.add(name)
    const { enabled, reason } = providerAvailability(name, options.providers)
    if (!enabled) ctx.note(`${name} is disabled: ${reason}`)
  }
}

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

/** Runs `fn` over `items` with at most `width` at once. */
async function inParallel<T>(
  items: T[],
  width: number,
  fn: (item: T) => Promise<void>
) {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++])
  }
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, worker)
  )
}

/** Parcel updates recorded per workflow run (one read and one write per table). */
const APPLY_GROUP = 100

/** Asks one provider about a batch of due shipments and records the answers. */
async function checkWith(
  ctx: RunContext,
  options: ShipmentTrackingOptions,
  client: CarrierClient,
  shipments: Shipment[]
) {
  const chunks: Shipment[][] = []
  for (let i = 0; i < shipments.length; i += client.batchSize) {
    chunks.push(shipments.slice(i, i + client.batchSize))
  }
  // Answers are recorded in groups while further requests are still on
  // their way: the database work overlaps the wait for the rate limiter.
  const answered: ShipmentUpdate[] = []
  let recording = Promise.resolve()
  const flush = (all: boolean) => {
    while (answered.length >= APPLY_GROUP || (all && answered.length)) {
      const group = answered.splice(0, APPLY_GROUP)
      recording = recording.then(() => record(ctx, options, group))
    }
  }
  await inParallel(chunks, REQUEST_CONCURRENCY, async (chunk) => {
    const results = await client.track(
      chunk.map((s) => ({
        number: s.tracking_number,
        carrier: s.carrier,
        current: s.status as CanonicalStatus,
      }))
    )
    const byNumber = new Map(results.map((r) => [r.number, r]))
    for (const shipment of chunk) {
      const result = byNumber.get(shipment.tracking_number)
      if (!result || !result.ok) {
        const reason = result?.error ?? "no answer for this number"
        ctx.fail(shipment.id, reason)
        await autopilotService(ctx.container).updateTrackedShipments({
          id: shipment.id,
          last_error: reason.slice(0, 500),
        })
        continue
      }
      const { ok: _ok, ...update } = result as TrackSuccess
      answered.push({ shipmentId: shipment.id, update })
    }
    flush(false)
  })
  flush(true)
  await recording
}

/** Records a group of answers and settles the parcels that have something due. */
async function record(
  ctx: RunContext,
  options: ShipmentTrackingOptions,
  group: ShipmentUpdate[]
) {
  let outcomes
  try {
    outcomes = await applyShipmentUpdates(ctx.container, group, "poll", options)
  } catch (e) {
    group.forEach((g) =>
      ctx.fail(g.shipmentId, (e as Error).message || String(e))
    )
    return
  }
  for (const outcome of outcomes) {
    const id = outcome.shipment_id
    if (outcome.changed) ctx.changed(`status:${outcome.status}`, id)
    else ctx.count("skipped")
    try {
      if (outcome.settle) {
        await settleShipment(ctx.container, id, settleEnv(ctx, options))
      }
      if (ctx.failuresOf(id) === 0) ctx.succeeded(id)
    } catch (e) {
      ctx.fail(id, (e as Error).message || String(e))
    }
  }
}

/**
 * Polls the shipments whose quiet window has passed (see `quiet_hours`),
 * grouped by provider and batched to each provider's batch size, through the
 * provider's rate limiter. A shipment of a disabled provider waits another
 * window; a carrier error fails only its items (retried with back-off).
 */
async function poll(ctx: RunContext, options: ShipmentTrackingOptions) {
  const service = autopilotService(ctx.container)
  const at = ctx.now()
  const clients = new Map<string, CarrierClient | null>()
  const disabled = new Set<ProviderName>()
  await forEachBatch<Shipment, { next_check_at: Date; id: string }>(ctx, {
    batchSize: options.batch_size,
    cursorOf: (s) => ({ next_check_at: new Date(s.next_check_at!), id: s.id }),
    fetch: (cursor, limit) =>
      service.listTrackedShipments(
        keysetAfter("next_check_at", cursor, { $lte: at }) as never,
        { order: { next_check_at: "ASC", id: "ASC" }, take: limit }
      ),
    handle: async (batch) => {
      ctx.count("scanned", batch.length)
      if (ctx.dryRun) {
        batch.forEach((s) => ctx.changed("check", s.id))
        return
      }
      const allowed = await ctx.attemptable(batch.map((s) => s.id))
      const byProvider = new Map<string, Shipment[]>()
      for (const s of batch) {
        if (!allowed.has(s.id)) {
          ctx.count("skipped")
          continue
        }
        byProvider.set(s.provider, [...(byProvider.get(s.provider) ?? []), s])
      }
      for (const [provider, shipments] of byProvider) {
        if (!clients.has(provider)) {
          clients.set(
            provider,
            (PROVIDER_NAMES as readonly string[]).includes(provider)
              ? createCarrier(
                  provider as ProviderName,
                  options.providers,
                  carrierRuntime(options)
                )
              : null
          )
        }
        const client = clients.get(provider)
        if (!client) {
          disabled.add(provider as ProviderName)
          // Looked at again after another quiet window, not every run.
          await service.updateTrackedShipments(
            shipments.map((s) => ({
              id: s.id,
              last_checked_at: at,
              last_error: `${provider} is disabled`,
              next_check_at: nextCheckAt(
                s.status as CanonicalStatus,
                options.quiet_hours,
                {
                  last_event_at: null,
                  last_checked_at: at,
                  started_at: new Date(s.started_at),
                }
              ),
            }))
          )
          ctx.count("skipped", shipments.length)
          continue
        }
        await checkWith(ctx, options, client, shipments)
      }
    },
  })
  reportProviders(ctx, options, disabled)
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
        for (const s of batch) {
          if (!allowed.has(s.id)) continue
          try {
            await settleShipment(ctx.container, s.id, settleEnv(ctx, options))
            if (ctx.failuresOf(s.id) === 0) ctx.succeeded(s.id)
          } catch (e) {
            ctx.fail(s.id, (e as Error).message || String(e))
          }
        }
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
