import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { now } from "../../../runtime/clock"
import { autopilotService } from "../../../runtime/settings"

export type MarkInventoryFindingFixedStepInput = {
  id: string
  /** What the fix changed, kept as `details.after`. */
  after: Record<string, unknown>
  /** The reconciliation run that fixed it, if any (not for "Fix now"). */
  run_id?: string | null
}

type PreviousState = {
  id: string
  status: "open" | "fixed" | "resolved"
  fixed_at: Date | null
  fix_error: string | null
  details: Record<string, unknown>
  last_run_id: string | null
}

export const markInventoryFindingFixedStepId = "mark-inventory-finding-fixed"

/**
 * Records that a finding was fixed: status `fixed`, the time, no fix error,
 * what changed under `details.after`, and the run that fixed it. Returns
 * the updated finding. Rollback: restores the previous status, time, error,
 * details and run.
 *
 * @example
 * const finding = markInventoryFindingFixedStep({ id: "apinv_1", after: { reserved_quantity: 1 } })
 */
export const markInventoryFindingFixedStep = createStep(
  markInventoryFindingFixedStepId,
  async (input: MarkInventoryFindingFixedStepInput, { container }) => {
    const service = autopilotService(container)
    const [before] = await service.listInventoryFindings({ id: input.id })
    const previous: PreviousState = {
      id: before.id,
      status: before.status,
      fixed_at: before.fixed_at,
      fix_error: before.fix_error,
      details: before.details as Record<string, unknown>,
      last_run_id: before.last_run_id,
    }
    const finding = await service.updateInventoryFindings({
      id: input.id,
      status: "fixed",
      fixed_at: now(),
      fix_error: null,
      details: { ...previous.details, after: input.after },
      ...(input.run_id ? { last_run_id: input.run_id } : {}),
    })
    return new StepResponse(finding, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await autopilotService(container).updateInventoryFindings({
      ...previous,
      // JSON columns are merged on update: an `after` the finding did not
      // have is removed by setting it undefined, not by leaving it out.
      details: { after: undefined, ...previous.details },
    })
  }
)
