import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"

export type LoadInventoryFindingStepInput = { id: string }

/** A stored inventory finding, as the autopilot module returns it. */
export type InventoryFinding = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["listInventoryFindings"]>
>[number]

export const loadInventoryFindingStepId = "load-inventory-finding"

/**
 * Reads one inventory finding. NOT_FOUND when there is none with that id.
 * Reads only: no compensation.
 *
 * @example
 * const finding = loadInventoryFindingStep({ id: "apinv_1" })
 */
export const loadInventoryFindingStep = createStep(
  loadInventoryFindingStepId,
  async (input: LoadInventoryFindingStepInput, { container }) => {
    const [finding] = await autopilotService(container).listInventoryFindings({
      id: input.id,
    })
    if (!finding) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Inventory finding "${input.id}" does not exist`
      )
    }
    return new StepResponse(finding)
  }
)
