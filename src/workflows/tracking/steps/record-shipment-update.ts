import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CanonicalStatus, TrackingEvent } from "../../../carriers"
import { autopilotService } from "../../../runtime/settings"
import { planUpdate, type ShipmentPatch } from "../update"

/** A carrier event as it travels through a workflow (dates as ISO strings). */
export type SerializedEvent = Omit<TrackingEvent, "occurred_at"> & {
  occurred_at: string
}

export type RecordShipmentUpdateStepInput = {
  shipment_id: string
  events: SerializedEvent[]
  source: "webhook" | "poll"
  now: string
  quiet_hours: Partial<Record<CanonicalStatus, number>>
  tracking_url?: string | null
  carrier?: string | null
}

export type RecordShipmentUpdateStepOutput = {
  shipment_id: string
  changed: boolean
  status: CanonicalStatus
  new_events: number
}

export const recordShipmentUpdateStepId = "record-shipment-update"

const date = (v: unknown) => (v ? new Date(v as string) : null)

/**
 * Applies a carrier update to a shipment by the forward-only rule: stores
 * its new events (a replayed event is recognised by its key and skipped)
 * and moves the shipment's status, quiet window and pending messages.
 * Rollback: deletes the events it stored and restores the shipment's fields.
 *
 * @example
 * recordShipmentUpdateStep({ shipment_id: "apship_1", events: [...], source: "webhook", now, quiet_hours })
 */
export const recordShipmentUpdateStep = createStep(
  recordShipmentUpdateStepId,
  async (input: RecordShipmentUpdateStepInput, { container }) => {
    const service = autopilotService(container)
    const row = await service.retrieveTrackedShipment(input.shipment_id)
    const known = await service.listShipmentEvents(
      { shipment_id: row.id },
      { select: ["dedupe_key"], take: null }
    )
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
      },
      input.events.map((e) => ({ ...e, occurred_at: new Date(e.occurred_at) })),
      new Set(known.map((k) => k.dedupe_key)),
      {
        source: input.source,
        now: new Date(input.now),
        quietHours: input.quiet_hours,
        tracking_url: input.tracking_url,
        carrier: input.carrier,
      }
    )
    const previous: Record<string, unknown> = { id: row.id }
    for (const field of Object.keys(patch) as (keyof ShipmentPatch)[]) {
      previous[field] = (row as Record<string, unknown>)[field] ?? null
    }
    const created = events.length
      ? await service.createShipmentEvents(
          events.map((e) => ({
            shipment_id: row.id,
            status: e.status,
            raw_status: e.raw_status,
            message: e.message,
            location: e.location,
            occurred_at: e.occurred_at,
            source: input.source,
            applied: e.applied,
            dedupe_key: e.dedupe_key,
          }))
        )
      : []
    await service.updateTrackedShipments({ id: row.id, ...patch })
    const output: RecordShipmentUpdateStepOutput = {
      shipment_id: row.id,
      changed,
      status: (patch.status ?? row.status) as CanonicalStatus,
      new_events: created.length,
    }
    return new StepResponse(output, {
      previous,
      event_ids: created.map((c) => c.id),
    })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = autopilotService(container)
    if (undo.event_ids.length)
      await service.deleteShipmentEvents(undo.event_ids)
    await service.updateTrackedShipments(undo.previous as { id: string })
  }
)
