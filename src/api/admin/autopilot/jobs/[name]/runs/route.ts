import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { autopilotService } from "../../../../../../runtime/settings"
import { describeRuns, runView } from "../../../../../../runtime/views"
import type { RunListResponse } from "../../../../../../types"
import { jobNameParam } from "../../../helpers"
import type { AdminListAutopilotJobRunsType } from "../../../validators"

/** A job's run history, newest first, each run told in words (`description`). */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListAutopilotJobRunsType>,
  res: MedusaResponse<RunListResponse<Date>>
) => {
  const name = jobNameParam(req)
  const { limit, offset, status } = req.validatedQuery
  const [runs, count] = await autopilotService(req.scope).listAndCountJobRuns(
    { job_name: name, ...(status ? { status } : {}) },
    { order: { created_at: "DESC", id: "DESC" }, take: limit, skip: offset }
  )
  res.json({
    runs: await describeRuns(req.scope, runs.map(runView)),
    count,
    limit,
    offset,
  })
}
