import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { withFieldLabels } from "../../../../../runtime/labels"
import { listUnconfirmedSends } from "../../../../../runtime/notifier"
import { AdminListUnconfirmedSends, parseOr400 } from "../validators"

/**
 * Messages the plugin handed to Medusa that stayed `pending` past the grace
 * period (maybe sent, maybe not), newest first. Checks for new ones first.
 * No recipients: those stay in Medusa's notification rows. `labels.item_id`
 * names the item (an order, a cart, a signup).
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
  res.json({
    notifications: await withFieldLabels(req.scope, rows, ["item_id"]),
    count,
    limit,
    offset,
  })
}
