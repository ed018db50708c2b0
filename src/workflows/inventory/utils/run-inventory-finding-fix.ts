import type { MedusaContainer } from "@medusajs/framework/types"
import { autopilotService } from "../../../runtime/settings"
import { loadInventoryFindingStepId } from "../steps/load-inventory-finding"
import { validateInventoryFindingFixStepId } from "../steps/validate-inventory-finding-fix"
import {
  fixInventoryFindingWorkflow,
  type FixInventoryFindingWorkflowInput,
} from "../workflows/fix-inventory-finding"

/** Steps whose failure means "not fixable", not "the fix failed". */
const CHECKS = [loadInventoryFindingStepId, validateInventoryFindingFixStepId]

/**
 * Runs {@link fixInventoryFindingWorkflow} and returns the fixed finding.
 * When the fix itself fails (not the checks before it), the workflow has
 * rolled back; the error is then noted on the finding as `fix_error` (the
 * admin shows it) and thrown, as the workflow threw it.
 *
 * @example
 * const finding = await runInventoryFindingFix(container, { id: "apinv_1" })
 */
export async function runInventoryFindingFix(
  container: MedusaContainer,
  input: FixInventoryFindingWorkflowInput
) {
  const { result, errors } = await fixInventoryFindingWorkflow(container).run({
    input,
    throwOnError: false,
  })
  const [failure] = errors ?? []
  if (!failure) return result
  if (!CHECKS.includes(failure.action)) {
    await autopilotService(container).updateInventoryFindings({
      id: input.id,
      fix_error: (failure.error as Error)?.message ?? String(failure.error),
    })
  }
  throw failure.error ?? new Error("Unknown error")
}
