import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CanonicalStatus, TrackingEvent } from "../../../carriers"
import type {
  ShipmentEventInsert,
  ShipmentPatchRow,
} from "../../../modules/autopilot/service"
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
 * and moves each shipment's status, quiet window and pending messages. Set
 * based: one read (the parcels with their known event keys), then one
 * insert of the new events and one update of the parcels' changed fields,
 * in one transaction, for the whole list. A parcel listed twice takes its
 * second update on top of the first.
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
    const rows = await service.readShipmentsForUpdate(ids)
    const current = new Map(rows.map((r) => [r.id, r]))
    const keysOf = new Map(rows.map((r) => [r.id, new Set(r.known_keys)]))
    const now = new Date(input.now)
    const previous = new Map<string, Record<string, unknown>>()
    const patches = new Map<string, { id: string } & ShipmentPatch>()
    const newEvents: ShipmentEventInsert[] = []
    const outcomes: ShipmentUpdateOutcome[] = []
    for (const update of input.updates) {
      const row = current.get(update.shipment_id)
      if (!row) continue
      const known = keysOf.get(row.id)!
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
        known,
        {
          source: input.source,
          now,
          quietHours: input.quiet_hours,
          tracking_url: update.tracking_url,
          carrier: update.carrier,
          estimated_delivery: date(update.estimated_delivery),
        }
      )
      // The first value of each field is what the rollback restores.
      const before = previous.get(row.id) ?? { id: row.id }
      for (const field of Object.keys(patch)) {
        if (!(field in before)) {
          before[field] = (row as Record<string, unknown>)[field] ?? null
        }
      }
      previous.set(row.id, before)
      patches.set(row.id, { ...patches.get(row.id), id: row.id, ...patch })
      for (const e of events) {
        known.add(e.dedupe_key)
        newEvents.push({
          shipment_id: row.id,
          status: e.status,
          raw_status: e.raw_status,
          message: e.message ?? null,
          location: e.location ?? null,
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
      // A second update of the same parcel in this group starts from here.
      current.set(row.id, { ...row, ...patch })
    }
    const eventIds = await service.writeShipmentUpdates({
      events: newEvents,
      patches: [...patches.values()],
    })
    return new StepResponse(outcomes, {
      previous: [...previous.values()] as ShipmentPatchRow[],
      event_ids: eventIds,
    })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = autopilotService(container)
    if (undo.event_ids.length)
      await service.deleteShipmentEvents(undo.event_ids)
    if (undo.previous.length) {
      await service.writeShipmentUpdates({ patches: undo.previous })
    }
  }
)
