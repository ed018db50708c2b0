import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  updateTrackedShipmentsStep,
  type UpdateTrackedShipmentsStepInput,
} from "../steps/update-tracked-shipments"

export type SaveTrackedShipmentsWorkflowInput = UpdateTrackedShipmentsStepInput

export const saveTrackedShipmentsWorkflowId = "save-tracked-shipments"

/**
 * Writes fields of tracked shipments: expiry after `max_tracking_days`, the
 * messages sent, the delivered mark.
 *
 * @example
 * await saveTrackedShipmentsWorkflow(container).run({
 *   input: { updates: [{ id: "apship_1", status: "expired", next_check_at: null }] },
 * })
 */
export const saveTrackedShipmentsWorkflow = createWorkflow(
  saveTrackedShipmentsWorkflowId,
  (input: SaveTrackedShipmentsWorkflowInput) => {
    return new WorkflowResponse(updateTrackedShipmentsStep(input))
  }
)
