import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { autopilotService } from "../../../../runtime/settings"
import type { AuthorizationWarningListResponse } from "../../../../types"
import type { AdminListAuthorizationWarningsType } from "../validators"

/** Authorized payments left uncaptured long enough to lapse, newest first. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListAuthorizationWarningsType>,
  res: MedusaResponse<AuthorizationWarningListResponse<Date>>
) => {
  const { limit, offset } = req.validatedQuery
  const [rows, count] = await autopilotService(
    req.scope
  ).listAndCountAuthorizationWarnings(
    {},
    { order: { created_at: "DESC", id: "DESC" }, take: limit, skip: offset }
  )
  res.json({ authorization_warnings: rows, count, limit, offset })
}
