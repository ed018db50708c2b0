import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { InventoryFindingResponse } from "../../../../../../types"
import { runInventoryFindingFix } from "../../../../../../workflows/inventory"

/**
 * "Fix now" for one open finding (reserved drift or an orphaned
 * reservation), through `fixInventoryFindingWorkflow`.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<InventoryFindingResponse<Date>>
) => {
  const finding = await runInventoryFindingFix(req.scope, {
    id: req.params.id,
  })
  res.json({ inventory_finding: finding })
}
