import {
  deleteReservationsWorkflow,
  emitEventStep,
} from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { AutopilotEvents } from "../../../runtime/events"
import { loadInventoryFindingStep } from "../steps/load-inventory-finding"
import { markInventoryFindingFixedStep } from "../steps/mark-inventory-finding-fixed"
import { validateInventoryFindingFixStep } from "../steps/validate-inventory-finding-fix"
import { fixReservedDriftWorkflow } from "./fix-reserved-drift"

export type FixInventoryFindingWorkflowInput = {
  id: string
  /** The reconciliation run fixing it (its auto-fix); absent for "Fix now". */
  run_id?: string | null
}

export const fixInventoryFindingWorkflowId = "fix-inventory-finding"

/**
 * Fixes one open inventory finding, whatever its configured mode, and marks
 * it fixed:
 * - reserved drift: the level's reserved quantity is set to the sum of its
 *   reservations ({@link fixReservedDriftWorkflow}, under the inventory
 *   item's lock);
 * - an orphaned reservation: deleted through Medusa's
 *   `deleteReservationsWorkflow` (which releases the reserved quantity and
 *   emits `reservation-item.deleted`).
 *
 * NOT_FOUND for an unknown finding; NOT_ALLOWED for a report-only type or a
 * finding that is not open. All or nothing: when marking the finding fails,
 * the fix is undone (each composed workflow compensates itself). Emits
 * `autopilot.inventory.finding_fixed`.
 *
 * @example
 * const { result } = await fixInventoryFindingWorkflow(container).run({ input: { id: "apinv_1" } })
 */
export const fixInventoryFindingWorkflow = createWorkflow(
  fixInventoryFindingWorkflowId,
  (input: FixInventoryFindingWorkflowInput) => {
    const finding = loadInventoryFindingStep({ id: input.id })
    validateInventoryFindingFixStep({ finding })

    const drift = when(
      "fix-inventory-finding-when-reserved-drift",
      { finding },
      ({ finding }) => finding.type === "reserved_drift"
    ).then(() => {
      const level = transform({ finding }, ({ finding }) => ({
        inventory_item_id: finding.inventory_item_id!,
        location_id: finding.location_id!,
      }))
      return fixReservedDriftWorkflow.runAsStep({ input: level })
    })

    when(
      "fix-inventory-finding-when-orphaned-reservation",
      { finding },
      ({ finding }) => finding.type === "orphaned_reservation"
    ).then(() => {
      const reservations = transform({ finding }, ({ finding }) => ({
        ids: [finding.reservation_id!],
      }))
      deleteReservationsWorkflow.runAsStep({ input: reservations })
    })

    const fixed = transform(
      { input, finding, drift },
      ({ input, finding, drift }) => ({
        id: finding.id,
        run_id: input.run_id ?? null,
        after:
          finding.type === "reserved_drift"
            ? { reserved_quantity: drift?.after }
            : { reservation_deleted: finding.reservation_id },
      })
    )
    const marked = markInventoryFindingFixedStep(fixed)
    const event = transform({ finding, fixed }, ({ finding, fixed }) => ({
      id: finding.id,
      type: finding.type,
      inventory_item_id: finding.inventory_item_id ?? null,
      location_id: finding.location_id ?? null,
      run_id: fixed.run_id,
      after: fixed.after,
    }))
    emitEventStep({
      eventName: AutopilotEvents.INVENTORY_FINDING_FIXED,
      data: event,
    })
    return new WorkflowResponse(marked)
  }
)
