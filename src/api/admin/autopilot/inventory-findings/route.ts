import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { withFieldLabels } from "../../../../runtime/labels"
import { autopilotService } from "../../../../runtime/settings"
import type { InventoryFindingListResponse } from "../../../../types"
import type { AdminListInventoryFindingsType } from "../validators"

/**
 * Inconsistencies inventory-reconciliation found, newest first, with
 * `labels` naming the item, location and order.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListInventoryFindingsType>,
  res: MedusaResponse<InventoryFindingListResponse<Date>>
) => {
  const { limit, offset, type, status } = req.validatedQuery
  const [findings, count] = await autopilotService(
    req.scope
  ).listAndCountInventoryFindings(
    { ...(type ? { type } : {}), ...(status ? { status } : {}) },
    { order: { last_seen_at: "DESC", id: "DESC" }, take: limit, skip: offset }
  )
  res.json({
    inventory_findings: (await withFieldLabels(req.scope, findings, [
      "inventory_item_id",
      "location_id",
      "order_id",
    ])) as unknown as InventoryFindingListResponse<Date>["inventory_findings"],
    count,
    limit,
    offset,
  })
}
