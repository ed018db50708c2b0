import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { autopilotService } from "../../../../runtime/settings"
import type { RestockSubscriptionListResponse } from "../../../../types"
import type { AdminListRestockSubscriptionsType } from "../validators"

/** Back-in-stock signups, newest first. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListRestockSubscriptionsType>,
  res: MedusaResponse<RestockSubscriptionListResponse<Date>>
) => {
  const { limit, offset, variant_id, status, q } = req.validatedQuery
  const filters: Record<string, unknown> = {}
  if (variant_id) filters.variant_id = variant_id
  if (status) filters.status = status
  if (q)
    filters.email = { $ilike: `%${q.toLowerCase().replace(/[%_\\]/g, "")}%` }
  const [rows, count] = await autopilotService(
    req.scope
  ).listAndCountRestockSubscriptions(filters, {
    order: { created_at: "DESC", id: "DESC" },
    take: limit,
    skip: offset,
  })
  res.json({ restock_subscriptions: rows, count, limit, offset })
}
