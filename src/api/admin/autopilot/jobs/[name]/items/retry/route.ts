import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { retryJobItemsWorkflow } from "../../../../../../../workflows/runtime"
import type { RetryJobItemsResponse } from "../../../../../../../types"
import { jobNameParam } from "../../../../helpers"
import type { AdminRetryJobItemsType } from "../../../../validators"

/** "Retry now": the items (or all failing and given-up ones) get one more attempt in the next run. */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminRetryJobItemsType>,
  res: MedusaResponse<RetryJobItemsResponse>
) => {
  const name = jobNameParam(req)
  const { result } = await retryJobItemsWorkflow(req.scope).run({
    input: { job_name: name, item_ids: req.validatedBody.item_ids },
  })
  res.json({ retried: result.count })
}
