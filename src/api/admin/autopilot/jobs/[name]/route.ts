import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { describeJob } from "../../../../../runtime/views"
import type { JobResponse } from "../../../../../types"
import { updateJobSettingWorkflow } from "../../../../../workflows/runtime"
import { caller, jobNameParam } from "../../helpers"
import type { AdminUpdateAutopilotJobType } from "../../validators"

/** One job with its switch, schedule, options, last run and health. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<JobResponse<Date>>
) => {
  const name = jobNameParam(req)
  res.json({ job: await describeJob(req.scope, name) })
}

/** Switches a job on or off, pauses it, or changes its schedule or options. */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateAutopilotJobType>,
  res: MedusaResponse<JobResponse<Date>>
) => {
  const name = jobNameParam(req)
  await updateJobSettingWorkflow(req.scope).run({
    input: { ...req.validatedBody, job_name: name, actor: caller(req).actor },
  })
  res.json({ job: await describeJob(req.scope, name) })
}
