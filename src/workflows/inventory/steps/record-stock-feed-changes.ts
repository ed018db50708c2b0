import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"

export type RecordStockFeedChangesStepInput = {
  /** The run that applied the changes. */
  run_id: string
  /** When they were applied (ISO 8601). */
  applied_at: string
  changes: {
    sku: string
    inventory_item_id: string
    location_id: string
    from_quantity: number
    to_quantity: number
  }[]
}

export const recordStockFeedChangesStepId = "record-stock-feed-changes"

/**
 * Writes the audit trail of a stock feed sync: one row per inventory level
 * set, with the quantity before and after. Rollback: deletes those rows.
 *
 * @example
 * const rows = recordStockFeedChangesStep({
 *   run_id: "aprun_1",
 *   applied_at: "2026-01-05T10:40:00.000Z",
 *   changes: [
 *     { sku: "TEE-M", inventory_item_id: "iitem_1", location_id: "sloc_1", from_quantity: 10, to_quantity: 4 },
 *   ],
 * })
 */
export const recordStockFeedChangesStep = createStep(
  recordStockFeedChangesStepId,
  async (input: RecordStockFeedChangesStepInput, { container }) => {
    if (!input.changes.length) return new StepResponse([], [] as string[])
    const appliedAt = new Date(input.applied_at)
    const rows = await autopilotService(container).createStockFeedChanges(
      input.changes.map((change) => ({
        run_id: input.run_id,
        sku: change.sku,
        inventory_item_id: change.inventory_item_id,
        location_id: change.location_id,
        from_quantity: change.from_quantity,
        to_quantity: change.to_quantity,
        applied_at: appliedAt,
      }))
    )
    return new StepResponse(
      rows,
      rows.map((row) => row.id)
    )
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await autopilotService(container).deleteStockFeedChanges(ids)
  }
)
