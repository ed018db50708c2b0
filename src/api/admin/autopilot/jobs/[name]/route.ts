import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { describeJob } from "../../../../../runtime/views"
import type {
  FieldError,
  JobResponse,
  JobUpdateErrorBody,
} from "../../../../../types"
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

/** A refusal naming its fields (see `fieldsError`), as the workflow throws it. */
function refusedFields(
  error: unknown
): (JobUpdateErrorBody & { fields: FieldError[] }) | null {
  const e = error as Partial<JobUpdateErrorBody> | null
  if (
    e?.type === MedusaError.Types.INVALID_DATA &&
    typeof e.message === "string" &&
    Array.isArray(e.fields)
  ) {
    return { type: e.type, message: e.message, fields: e.fields }
  }
  return null
}

/**
 * Switches a job on or off, pauses it, or changes its schedule or options.
 * A refused change answers 400 `{ type, message, fields }`, `fields` naming
 * each refused setting by its path (`options.max_change_ratio`, `schedule`).
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminUpdateAutopilotJobType>,
  res: MedusaResponse<JobResponse<Date> | JobUpdateErrorBody>
) => {
  const name = jobNameParam(req)
  try {
    await updateJobSettingWorkflow(req.scope).run({
      input: { ...req.validatedBody, job_name: name, actor: caller(req).actor },
    })
  } catch (error) {
    const refused = refusedFields(error)
    if (!refused) throw error
    res.status(400).json(refused)
    return
  }
  res.json({ job: await describeJob(req.scope, name) })
}
