import { updateInventoryLevelsWorkflow } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  recordStockFeedChangesStep,
  type RecordStockFeedChangesStepInput,
} from "../steps/record-stock-feed-changes"

export type ApplyStockFeedWorkflowInput = RecordStockFeedChangesStepInput

export const applyStockFeedWorkflowId = "apply-stock-feed"

/**
 * Sets inventory levels to the quantities of a stock feed and records each
 * change in the audit trail, all or nothing: the levels are set through
 * Medusa's `updateInventoryLevelsWorkflow` (which emits
 * `inventory-level.updated`), and when recording the audit rows fails the
 * levels are restored.
 *
 * @example
 * await applyStockFeedWorkflow(container).run({
 *   input: {
 *     run_id: "aprun_1",
 *     applied_at: new Date().toISOString(),
 *     changes: [
 *       { sku: "TEE-M", inventory_item_id: "iitem_1", location_id: "sloc_1", from_quantity: 10, to_quantity: 4 },
 *     ],
 *   },
 * })
 */
export const applyStockFeedWorkflow = createWorkflow(
  applyStockFeedWorkflowId,
  (input: ApplyStockFeedWorkflowInput) => {
    const updates = transform({ input }, ({ input }) =>
      input.changes.map((change) => ({
        inventory_item_id: change.inventory_item_id,
        location_id: change.location_id,
        stocked_quantity: change.to_quantity,
      }))
    )
    const levels = updateInventoryLevelsWorkflow.runAsStep({
      input: { updates },
    })
    const changes = recordStockFeedChangesStep(input)
    return new WorkflowResponse({ levels, changes })
  }
)
