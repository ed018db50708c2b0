import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { CartLeadListResponse } from "../../../../../types"
import type { AdminListCartLeadsType } from "../../validators"
import { GET as listLeads } from "../route"

/**
 * `POST /admin/autopilot/leads/search`: the leads list with its filters in
 * the body, so a searched email (`q`) never appears in a URL (access logs
 * write URLs whole). Same answer as `GET /admin/autopilot/leads`, CSV
 * included (`format: "csv"` or `Accept: text/csv`).
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminListCartLeadsType>,
  res: MedusaResponse<CartLeadListResponse<Date>>
) => {
  const asList = req as unknown as AuthenticatedMedusaRequest<
    unknown,
    AdminListCartLeadsType
  >
  asList.validatedQuery = req.validatedBody
  return listLeads(asList, res)
}
