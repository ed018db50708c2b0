import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"

export type UpdateTrackedShipmentsStepInput = {
  updates: ({ id: string } & Record<string, unknown>)[]
}

export const updateTrackedShipmentsStepId = "update-tracked-shipments"

/**
 * Writes fields of tracked shipments (expiry, messages sent, delivery
 * marked): one read of what it replaces, one update for the whole list,
 * each row getting only the fields its entry names.
 * Rollback: restores the fields it changed.
 *
 * @example
 * updateTrackedShipmentsStep({ updates: [{ id: "apship_1", status: "expired", next_check_at: null }] })
 */
export const updateTrackedShipmentsStep = createStep(
  updateTrackedShipmentsStepId,
  async (input: UpdateTrackedShipmentsStepInput, { container }) => {
    const service = autopilotService(container)
    if (!input.updates.length) return new StepResponse([], [])
    // One entry per row: a later entry of the same id adds to the first.
    const merged = new Map<string, { id: string } & Record<string, unknown>>()
    for (const u of input.updates)
      merged.set(u.id, { ...merged.get(u.id), ...u })
    const updates = [...merged.values()]
    const rows = await service.readShipmentsForUpdate(
      updates.map((u) => u.id),
      false
    )
    const byId = new Map(rows.map((r) => [r.id, r as Record<string, unknown>]))
    const previous = updates
      .filter((u) => byId.has(u.id))
      .map((u) => {
        const before: { id: string } & Record<string, unknown> = { id: u.id }
        for (const key of Object.keys(u)) {
          if (key !== "id") before[key] = byId.get(u.id)![key] ?? null
        }
        return before
      })
    await service.writeShipmentUpdates({ patches: updates })
    return new StepResponse(updates, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) return
    await autopilotService(container).writeShipmentUpdates({
      patches: previous,
    })
  }
)
