import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { autopilotService } from "../../../../../../runtime/settings"
import type { ItemRetryListResponse } from "../../../../../../types"
import { jobNameParam } from "../../../helpers"
import type { AdminListJobItemsType } from "../../../validators"

/** A job's failing and given-up items with attempts, last error and next attempt. */
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
  res.json({ items, count, limit, offset })
}
