import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"
import { fixFinding } from "../../../features/inventory-reconciliation/job"

export type FixInventoryFindingStepInput = { id: string }

export const fixInventoryFindingStepId = "fix-inventory-finding"

const FIXABLE = ["reserved_drift", "orphaned_reservation"]

/**
 * "Fix now" for one open finding, whatever its configured mode: reserved
 * drift is corrected through the inventory module, an orphaned reservation
 * deleted through Medusa's delete-reservations workflow. NOT_FOUND for an
 * unknown finding; NOT_ALLOWED for a report-only type or a finding that is
 * not open. No compensation of its own: each fix runs as a Medusa workflow
 * that rolls itself back when it fails.
 *
 * @example
 * const finding = fixInventoryFindingStep({ id: "apinv_1" })
 */
export const fixInventoryFindingStep = createStep(
  fixInventoryFindingStepId,
  async (input: FixInventoryFindingStepInput, { container }) => {
    const [finding] = await autopilotService(container).listInventoryFindings({
      id: input.id,
    })
    if (!finding) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Inventory finding "${input.id}" does not exist`
      )
    }
    if (!FIXABLE.includes(finding.type)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `${finding.type} findings are reported only; correct them in Medusa`
      )
    }
    if (finding.status !== "open") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Inventory finding "${input.id}" is ${finding.status}, not open`
      )
    }
    return new StepResponse(await fixFinding(container, finding, null))
  }
)
