import { MedusaError } from "@medusajs/framework/utils"
import { createStep } from "@medusajs/framework/workflows-sdk"
import type { InventoryFinding } from "./load-inventory-finding"

export type ValidateInventoryFindingFixStepInput = {
  finding: Pick<InventoryFinding, "id" | "type" | "status">
}

export const validateInventoryFindingFixStepId =
  "validate-inventory-finding-fix"

/** The finding types the plugin can fix; the others are reported only. */
export const FIXABLE_FINDING_TYPES = [
  "reserved_drift",
  "orphaned_reservation",
] as const

/**
 * Checks that a finding can be fixed now: NOT_ALLOWED for a report-only
 * type (negative stock, over-reservation, unused location stock) and for a
 * finding that is not open (already fixed, or resolved). Writes nothing.
 *
 * @example
 * validateInventoryFindingFixStep({ finding })
 */
export const validateInventoryFindingFixStep = createStep(
  validateInventoryFindingFixStepId,
  async ({ finding }: ValidateInventoryFindingFixStepInput) => {
    if (!(FIXABLE_FINDING_TYPES as readonly string[]).includes(finding.type)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `${finding.type} findings are reported only; correct them in Medusa`
      )
    }
    if (finding.status !== "open") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Inventory finding "${finding.id}" is ${finding.status}, not open`
      )
    }
  }
)
