import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"

export type UpdateTrackedShipmentsStepInput = {
  updates: ({ id: string } & Record<string, unknown>)[]
}

export const updateTrackedShipmentsStepId = "update-tracked-shipments"

/**
 * Writes fields of tracked shipments (expiry, messages sent, delivery marked).
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
    const rows = await service.listTrackedShipments(
      { id: input.updates.map((u) => u.id) },
      { take: null }
    )
    const byId = new Map(rows.map((r) => [r.id, r as Record<string, unknown>]))
    const previous = input.updates
      .filter((u) => byId.has(u.id))
      .map((u) => {
        const before: { id: string } & Record<string, unknown> = { id: u.id }
        for (const key of Object.keys(u)) {
          if (key !== "id") before[key] = byId.get(u.id)![key] ?? null
        }
        return before
      })
    const updated = await service.updateTrackedShipments(input.updates)
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) return
    await autopilotService(container).updateTrackedShipments(previous)
  }
)
