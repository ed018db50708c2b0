import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { RestockSubscriptionListResponse } from "../../../../../types"
import type { AdminListRestockSubscriptionsType } from "../../validators"
import { GET as listSubscriptions } from "../route"

/**
 * `POST /admin/autopilot/restock-subscriptions/search`: the signups list
 * with its filters in the body, so a searched email (`q`) never appears in
 * a URL (access logs write URLs whole). Same answer as
 * `GET /admin/autopilot/restock-subscriptions`.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminListRestockSubscriptionsType>,
  res: MedusaResponse<RestockSubscriptionListResponse<Date>>
) => {
  const asList = req as unknown as AuthenticatedMedusaRequest<
    unknown,
    AdminListRestockSubscriptionsType
  >
  asList.validatedQuery = req.validatedBody
  return listSubscriptions(asList, res)
}
