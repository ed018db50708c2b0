import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { resolveLabels } from "../../../../../../runtime/labels"
import { autopilotService } from "../../../../../../runtime/settings"
import type { ItemRetryListResponse } from "../../../../../../types"
import { jobNameParam } from "../../../helpers"
import type { AdminListJobItemsType } from "../../../validators"

/**
 * A job's failing and given-up items with attempts, last error and next
 * attempt; `label` names the item as the Medusa admin does.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListJobItemsType>,
  res: MedusaResponse<ItemRetryListResponse<Date>>
) => {
  const name = jobNameParam(req)
  const { limit, offset, status } = req.validatedQuery
  const [items, count] = await autopilotService(
    req.scope
  ).listAndCountItemRetries(
    { job_name: name, ...(status ? { status } : {}) },
    { order: { last_failed_at: "DESC", id: "DESC" }, take: limit, skip: offset }
  )
  const names = await resolveLabels(
    req.scope,
    items.map((i) => i.item_id)
  )
  res.json({
    items: items.map((i) => {
      const label = names.get(i.item_id)
      return label ? { ...i, label } : i
    }),
    count,
    limit,
    offset,
  })
}
