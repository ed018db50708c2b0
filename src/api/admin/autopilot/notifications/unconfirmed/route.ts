import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { listUnconfirmedSends } from "../../../../../runtime/notifier"
import { AdminListUnconfirmedSends, parseOr400 } from "../validators"

/**
 * Messages the plugin handed to Medusa that stayed `pending` past the grace
 * period (maybe sent, maybe not), newest first. Checks for new ones first.
 * No recipients: those stay in Medusa's notification rows.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const { limit, offset } = parseOr400(
    AdminListUnconfirmedSends,
    req.query,
    "query"
  )
  const { rows, count } = await listUnconfirmedSends(req.scope, {
    limit,
    offset,
  })
  res.json({ notifications: rows, count, limit, offset })
}
