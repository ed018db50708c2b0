import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { readOverview } from "../../../../runtime/overview"
import type { OverviewResponse } from "../../../../types"
import type { AdminGetOverviewType } from "./validators"

/**
 * What the plugin did over the last `days` days (default 30): recovered
 * payments and carts, back-in-stock alerts and the orders that followed,
 * parcels delivered and in trouble, inventory fixes; totals per currency
 * and one number per day for the charts.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetOverviewType>,
  res: MedusaResponse<OverviewResponse>
) => {
  const overview = await readOverview(req.scope, req.validatedQuery.days)
  res.json({ overview })
}
