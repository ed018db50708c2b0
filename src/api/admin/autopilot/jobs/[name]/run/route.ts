import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { autopilotService } from "../../../../../../runtime/settings"
import { describeRuns, runView } from "../../../../../../runtime/views"
import type { RunResponse } from "../../../../../../types"
import { requestJobRunWorkflow } from "../../../../../../workflows/runtime"
import { caller, jobNameParam } from "../../../helpers"
import type { AdminRunAutopilotJobType } from "../../../validators"

/**
 * "Run now": queues a run (a dry run with `dry_run: true`) and answers 202
 * at once; poll `GET /admin/autopilot/runs/:id` for its progress. 409 while
 * the job is already queued or running.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminRunAutopilotJobType>,
  res: MedusaResponse<RunResponse<Date>>
) => {
  const name = jobNameParam(req)
  const { actor, trigger } = caller(req)
  const { result } = await requestJobRunWorkflow(req.scope).run({
    input: {
      job_name: name,
      dry_run: req.validatedBody.dry_run ?? false,
      trigger,
      actor,
    },
  })
  const run = await autopilotService(req.scope).retrieveJobRun(result.id)
  const [described] = await describeRuns(req.scope, [runView(run)])
  res.status(202).json({ run: described })
}
