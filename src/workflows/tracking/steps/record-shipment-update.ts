import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CanonicalStatus, TrackingEvent } from "../../../carriers"
import { autopilotService } from "../../../runtime/settings"
import { planUpdate, type ShipmentPatch } from "../utils/update"
import type { ShipmentEventSource } from "../../../types"

/** A carrier event as it travels through a workflow (dates as ISO strings). */
export type SerializedEvent = Omit<TrackingEvent, "occurred_at"> & {
  occurred_at: string
}

export type ShipmentUpdateInput = {
  shipment_id: string
  events: SerializedEvent[]
  tracking_url?: string | null
  carrier?: string | null
  /** The carrier's delivery estimate (ISO), when its answer gives one. */
  estimated_delivery?: string | null
}

export type RecordShipmentUpdateStepInput = {
  updates: ShipmentUpdateInput[]
  source: Exclude<ShipmentEventSource, "system">
  now: string
  quiet_hours: Partial<Record<CanonicalStatus, number>>
}

export type ShipmentUpdateOutcome = {
  shipment_id: string
  changed: boolean
  status: CanonicalStatus
  /** The status before this update (equal to `status` when it did not move). */
  previous_status: CanonicalStatus
  order_id: string | null
  fulfillment_id: string
  tracking_number: string
  carrier: string | null
  new_events: number
  /** Messages or the delivered mark may be due: settle it. */
  settle: boolean
}

export const recordShipmentUpdateStepId = "record-shipment-update"

const date = (v: unknown) => (v ? new Date(v as string) : null)

/**
 * Applies carrier updates to shipments by the forward-only rule: stores
 * their new events (a replayed event is recognised by its key and skipped)
 * and moves each shipment's status, quiet window and pending messages. One
 * read and one write per table for the whole list.
 * Rollback: deletes the events it stored and restores the shipments' fields.
 *
 * @example
 * recordShipmentUpdateStep({ updates: [{ shipment_id: "apship_1", events }], source: "webhook", now, quiet_hours })
 */
export const recordShipmentUpdateStep = createStep(
  recordShipmentUpdateStepId,
  async (input: RecordShipmentUpdateStepInput, { container }) => {
    const service = autopilotService(container)
    const ids = [...new Set(input.updates.map((u) => u.shipment_id))]
    if (!ids.length) {
      return new StepResponse([] as ShipmentUpdateOutcome[], {
        previous: [] as Record<string, unknown>[],
        event_ids: [] as string[],
      })
    }
    const rows = await service.listTrackedShipments({ id: ids }, { take: null })
    const byId = new Map(rows.map((r) => [r.id, r]))
    const known = await service.listShipmentEvents(
      { shipment_id: ids },
      { select: ["shipment_id", "dedupe_key"], take: null }
    )
    const keysOf = new Map<string, Set<string>>()
    for (const k of known) {
      if (!keysOf.has(k.shipment_id)) keysOf.set(k.shipment_id, new Set())
      keysOf.get(k.shipment_id)!.add(k.dedupe_key)
    }
    const now = new Date(input.now)
    const previous: Record<string, unknown>[] = []
    const patches: ({ id: string } & ShipmentPatch)[] = []
    const newEvents: Record<string, unknown>[] = []
    const outcomes: ShipmentUpdateOutcome[] = []
    for (const update of input.updates) {
      const row = byId.get(update.shipment_id)
      if (!row) continue
      const { events, patch, changed } = planUpdate(
        {
          id: row.id,
          status: row.status as CanonicalStatus,
          progress_status: row.progress_status as CanonicalStatus,
          last_event_at: date(row.last_event_at),
          last_checked_at: date(row.last_checked_at),
          started_at: new Date(row.started_at),
          tracking_url: row.tracking_url,
          carrier: row.carrier,
          estimated_delivery_at: date(row.estimated_delivery_at),
          lateness: row.lateness ?? null,
          last_carrier_event_at: date(row.last_carrier_event_at),
        },
        update.events.map((e) => ({
          ...e,
          occurred_at: new Date(e.occurred_at),
        })),
        keysOf.get(row.id) ?? new Set(),
        {
          source: input.source,
          now,
          quietHours: input.quiet_hours,
          tracking_url: update.tracking_url,
          carrier: update.carrier,
          estimated_delivery: date(update.estimated_delivery),
        }
      )
      const before: Record<string, unknown> = { id: row.id }
      for (const field of Object.keys(patch)) {
        before[field] = (row as Record<string, unknown>)[field] ?? null
      }
      previous.push(before)
      patches.push({ id: row.id, ...patch })
      for (const e of events) {
        newEvents.push({
          shipment_id: row.id,
          status: e.status,
          raw_status: e.raw_status,
          message: e.message,
          location: e.location,
          occurred_at: e.occurred_at,
          source: input.source,
          applied: e.applied,
          dedupe_key: e.dedupe_key,
        })
      }
      const status = (patch.status ?? row.status) as CanonicalStatus
      outcomes.push({
        shipment_id: row.id,
        changed,
        status,
        previous_status: row.status as CanonicalStatus,
        order_id: row.order_id ?? null,
        fulfillment_id: row.fulfillment_id,
        tracking_number: row.tracking_number,
        carrier: (patch.carrier ?? row.carrier ?? null) as string | null,
        new_events: events.length,
        settle:
          !!patch.notify_pending ||
          row.notify_pending ||
          (status === "delivered" && !row.delivered_marked_at),
      })
    }
    const created = (newEvents.length
      ? await service.createShipmentEvents(newEvents as never)
      : []) as unknown as { id: string }[]
    if (patches.length) await service.updateTrackedShipments(patches as never)
    return new StepResponse(outcomes, {
      previous,
      event_ids: created.map((c) => c.id),
    })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = autopilotService(container)
    if (undo.event_ids.length)
      await service.deleteShipmentEvents(undo.event_ids)
    if (undo.previous.length) {
      await service.updateTrackedShipments(undo.previous as never)
    }
  }
)
