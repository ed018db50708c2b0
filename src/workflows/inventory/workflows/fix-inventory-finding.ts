import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  fixInventoryFindingStep,
  type FixInventoryFindingStepInput,
} from "../steps/fix-inventory-finding"

export const fixInventoryFindingWorkflowId = "fix-inventory-finding"

/**
 * "Fix now" for an inventory finding. See {@link fixInventoryFindingStep}.
 *
 * @example
 * const { result } = await fixInventoryFindingWorkflow(container).run({ input: { id: "apinv_1" } })
 */
export const fixInventoryFindingWorkflow = createWorkflow(
  fixInventoryFindingWorkflowId,
  (input: FixInventoryFindingStepInput) => {
    return new WorkflowResponse(fixInventoryFindingStep(input))
  }
)
