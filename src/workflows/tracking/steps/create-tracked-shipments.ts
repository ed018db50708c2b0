import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"

export type NewTrackedShipment = {
  provider: string
  tracking_number: string
  carrier: string | null
  tracking_url: string | null
  fulfillment_id: string
  label_id: string | null
  order_id: string | null
  started_at: Date | string
  next_check_at: Date | string
  no_notification: boolean
}

export type CreateTrackedShipmentsStepInput = {
  shipments: NewTrackedShipment[]
}

export const createTrackedShipmentsStepId = "create-tracked-shipments"

/**
 * Starts following parcels: one tracked shipment per label. A label already
 * followed (same provider, number and fulfillment) is left as it is, so the
 * subscriber and the job's backfill never make two.
 * Rollback: deletes the shipments it created.
 *
 * @example
 * createTrackedShipmentsStep({ shipments: [{ provider: "aftership", tracking_number: "1Z…", fulfillment_id: "ful_1", … }] })
 */
export const createTrackedShipmentsStep = createStep(
  createTrackedShipmentsStepId,
  async (input: CreateTrackedShipmentsStepInput, { container }) => {
    const service = autopilotService(container)
    if (!input.shipments.length) return new StepResponse([], [] as string[])
    const existing = await service.listTrackedShipments(
      {
        fulfillment_id: [
          ...new Set(input.shipments.map((s) => s.fulfillment_id)),
        ],
      },
      { select: ["provider", "tracking_number", "fulfillment_id"], take: null }
    )
    const key = (s: {
      provider: string
      tracking_number: string
      fulfillment_id: string
    }) => `${s.provider}|${s.tracking_number}|${s.fulfillment_id}`
    const known = new Set(existing.map(key))
    const fresh = input.shipments.filter((s) => {
      if (known.has(key(s))) return false
      known.add(key(s))
      return true
    })
    if (!fresh.length) return new StepResponse([], [] as string[])
    const created = await service.createTrackedShipments(
      fresh.map((s) => ({
        ...s,
        started_at: new Date(s.started_at),
        next_check_at: new Date(s.next_check_at),
        notify_pending: true,
        notified: {},
      }))
    )
    return new StepResponse(
      created,
      created.map((c) => c.id)
    )
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await autopilotService(container).deleteTrackedShipments(ids)
  }
)
