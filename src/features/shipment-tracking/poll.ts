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
import type { RunContext } from "../../runtime/types"
import { nextCheckAt } from "../../workflows/tracking/utils/update"
import { applyShipmentUpdates, type ShipmentUpdate } from "./apply"
import { carrierRuntime, type ShipmentTrackingOptions } from "./options"
import { settleShipments } from "./settle"

/** Carrier requests of one provider in flight at once (its rate limiter still spaces them). */
const REQUEST_CONCURRENCY = 4
/** Parcel updates recorded per workflow run (one read and one write per table). */
export const RECORD_GROUP = 200
/** Groups recorded at once (each under its parcels' locks). */
const RECORD_CONCURRENCY = 2
/**
 * Groups answered but not recorded yet before requests wait for the
 * recording: bounds memory, and keeps the requests from running far ahead
 * of what is stored when the run stops.
 */
const RECORD_BACKLOG = 4

type Shipment = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["listTrackedShipments"]>
>[number]

const reported = new WeakMap<RunContext, Set<string>>()

/** Says in the run (once each) which providers in use are disabled, and why. */
export function reportProviders(
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

/**
 * The recording side of the poll's pipeline: answers come in as carrier
 * requests return and are recorded in groups of {@link RECORD_GROUP}, at
 * most {@link RECORD_CONCURRENCY} at once, while later requests are on their
 * way. It lives for the whole poll, across batches, so the next batch's
 * requests start while the last groups of this one are still being stored.
 * `room()` holds the requests back once {@link RECORD_BACKLOG} groups wait.
 */
export class RecordPipeline {
  private buffer: ShipmentUpdate[] = []
  private readonly queue: ShipmentUpdate[][] = []
  private readonly waiters: (() => void)[] = []
  private readonly running = new Set<Promise<void>>()

  constructor(
    private readonly write: (group: ShipmentUpdate[]) => Promise<void>,
    private readonly group = RECORD_GROUP
  ) {}

  add(items: ShipmentUpdate[]): void {
    this.buffer.push(...items)
    while (this.buffer.length >= this.group) {
      this.queue.push(this.buffer.splice(0, this.group))
    }
    this.pump()
  }

  /** Resolves once few enough groups wait to take more answers. */
  async room(): Promise<void> {
    while (this.queue.length >= RECORD_BACKLOG) {
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }

  /** Records what is left and waits for every group to be stored. */
  async drain(): Promise<void> {
    if (this.buffer.length) this.queue.push(this.buffer.splice(0))
    this.pump()
    while (this.running.size) await Promise.race(this.running)
  }

  private pump(): void {
    while (this.running.size < RECORD_CONCURRENCY && this.queue.length) {
      const group = this.queue.shift()!
      const job: Promise<void> = this.write(group)
        // `write` reports its own failures; nothing may stop the pipeline.
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(job)
          this.waiters.splice(0).forEach((wake) => wake())
          this.pump()
        })
      this.running.add(job)
    }
  }
}

/** Asks one provider about a batch of due shipments; answers go to `pipeline`. */
async function checkWith(
  ctx: RunContext,
  client: CarrierClient,
  shipments: Shipment[],
  pipeline: RecordPipeline
) {
  const chunks: Shipment[][] = []
  for (let i = 0; i < shipments.length; i += client.batchSize) {
    chunks.push(shipments.slice(i, i + client.batchSize))
  }
  await inParallel(chunks, REQUEST_CONCURRENCY, async (chunk) => {
    await pipeline.room()
    const results = await client.track(
      chunk.map((s) => ({
        number: s.tracking_number,
        carrier: s.carrier,
        current: s.status as CanonicalStatus,
      }))
    )
    const byNumber = new Map(results.map((r) => [r.number, r]))
    const answered: ShipmentUpdate[] = []
    const errors: { id: string; last_error: string }[] = []
    for (const shipment of chunk) {
      const result = byNumber.get(shipment.tracking_number)
      if (!result || !result.ok) {
        const reason = result?.error ?? "no answer for this number"
        ctx.fail(shipment.id, reason)
        errors.push({ id: shipment.id, last_error: reason.slice(0, 500) })
        continue
      }
      const { ok: _ok, ...update } = result as TrackSuccess
      answered.push({ shipmentId: shipment.id, update })
    }
    // The chunk's errors in one statement (the parcels stay due).
    if (errors.length) {
      await autopilotService(ctx.container).writeShipmentUpdates({
        patches: errors,
      })
    }
    pipeline.add(answered)
  })
}

/**
 * Records a group of answers (one workflow run: one read, one insert of the
 * new events, one update of the parcels, one event per moved parcel), then
 * settles, together, the parcels that have a message or a delivered mark due.
 */
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
  const due: string[] = []
  for (const outcome of outcomes) {
    const id = outcome.shipment_id
    if (outcome.changed) ctx.changed(`status:${outcome.status}`, id)
    else ctx.count("skipped")
    if (outcome.settle) due.push(id)
    else if (ctx.failuresOf(id) === 0) ctx.succeeded(id)
  }
  if (due.length) await settleAll(ctx, options, due)
}

/** The settle environment of a job run: sends through the run, dry runs report. */
export function settleEnv(ctx: RunContext, options: ShipmentTrackingOptions) {
  return {
    options,
    send: (input: Parameters<RunContext["notify"]>[0]) => ctx.notify(input),
    sendAll: (inputs: Parameters<RunContext["notifyAll"]>[0]) =>
      ctx.notifyAll(inputs),
    now: ctx.now(),
    dryRun: ctx.dryRun,
    changed: (action: string, id: string) => ctx.changed(action, id),
  }
}

/** Settles parcels together; each one's failure is its own. */
export async function settleAll(
  ctx: RunContext,
  options: ShipmentTrackingOptions,
  ids: string[]
) {
  const failed = await settleShipments(
    ctx.container,
    ids,
    settleEnv(ctx, options)
  )
  for (const id of ids) {
    const error = failed.get(id)
    if (error) ctx.fail(id, error)
    else if (ctx.failuresOf(id) === 0) ctx.succeeded(id)
  }
}

/**
 * Polls the shipments whose quiet window has passed (see `quiet_hours`),
 * grouped by provider and batched to each provider's batch size, through the
 * provider's rate limiter. A shipment of a disabled provider waits another
 * window; a carrier error fails only its items (retried with back-off).
 *
 * Requests and recording form a pipeline: answers are recorded in groups
 * while later requests (of this batch and the next) are on their way, so
 * the carrier's rate limit sets the pace, not the database work.
 */
export async function poll(ctx: RunContext, options: ShipmentTrackingOptions) {
  const service = autopilotService(ctx.container)
  const at = ctx.now()
  const clients = new Map<string, CarrierClient | null>()
  const disabled = new Set<ProviderName>()
  const pipeline = new RecordPipeline((group) => record(ctx, options, group))
  try {
    await forEachBatch<Shipment, { next_check_at: Date; id: string }>(ctx, {
      batchSize: options.batch_size,
      cursorOf: (s) => ({
        next_check_at: new Date(s.next_check_at!),
        id: s.id,
      }),
      // Parcels of an earlier batch still being recorded are behind the
      // cursor: none is read twice.
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
            await service.writeShipmentUpdates({
              patches: shipments.map((s) => ({
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
              })),
            })
            ctx.count("skipped", shipments.length)
            continue
          }
          await checkWith(ctx, client, shipments, pipeline)
        }
      },
    })
  } finally {
    await pipeline.drain()
  }
  reportProviders(ctx, options, disabled)
}
