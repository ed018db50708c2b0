import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  fixReservedDriftStep,
  type FixReservedDriftStepInput,
} from "../steps/fix-reserved-drift"

export const fixReservedDriftWorkflowId = "fix-reserved-drift"

/**
 * Corrects a reserved-quantity drift on one inventory level. See
 * {@link fixReservedDriftStep}.
 *
 * @example
 * const { result } = await fixReservedDriftWorkflow(container).run({
 *   input: { inventory_item_id: "iitem_1", location_id: "sloc_1" },
 * })
 */
export const fixReservedDriftWorkflow = createWorkflow(
  fixReservedDriftWorkflowId,
  (input: FixReservedDriftStepInput) => {
    return new WorkflowResponse(fixReservedDriftStep(input))
  }
)
