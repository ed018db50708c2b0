import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { maskSecrets } from "../../../../../../runtime/secrets"
import { autopilotService } from "../../../../../../runtime/settings"
import type { JobSettingChangeListResponse } from "../../../../../../types"
import { jobNameParam } from "../../../helpers"
import type { AdminListAutopilotJobChangesType } from "../../../validators"

/** Who changed a job's setting, what and when, newest first. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListAutopilotJobChangesType>,
  res: MedusaResponse<JobSettingChangeListResponse<Date>>
) => {
  const name = jobNameParam(req)
  const { limit, offset } = req.validatedQuery
  const [changes, count] = await autopilotService(
    req.scope
  ).listAndCountJobSettingChanges(
    { job_name: name },
    { order: { created_at: "DESC", id: "DESC" }, take: limit, skip: offset }
  )
  res.json({
    changes: changes.map((c) => ({
      id: c.id,
      actor: c.actor ?? null,
      // Records written before secrets were masked on the way in, too.
      changes: maskSecrets(c.changes),
      created_at: c.created_at,
    })),
    count,
    limit,
    offset,
  })
}
