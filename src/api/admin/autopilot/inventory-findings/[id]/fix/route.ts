import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { fixInventoryFindingWorkflow } from "../../../../../../workflows/inventory"

/** "Fix now" for one open finding (reserved drift or an orphaned reservation). */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const { result } = await fixInventoryFindingWorkflow(req.scope).run({
    input: { id: req.params.id },
  })
  res.json({ inventory_finding: result })
}
