import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { autopilotService } from "../../../../../../runtime/settings"
import { describeRuns, runView } from "../../../../../../runtime/views"
import type { CancelRunResponse } from "../../../../../../types"
import { cancelJobRunWorkflow } from "../../../../../../workflows/runtime"
import { caller } from "../../../helpers"

/**
 * Stops a run: a queued one at once (`outcome: "canceled"`), a running one
 * at its next batch (`outcome: "stopping"`; poll the run, it ends
 * `canceled` with what it did until then). 404 unknown run; 400 `not_allowed`
 * for a run that already ended (Medusa answers every 409 with a generic text).
 */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<CancelRunResponse<Date>>
) => {
  const { actor } = caller(req)
  const { result: outcome } = await cancelJobRunWorkflow(req.scope).run({
    input: { run_id: req.params.id, actor },
  })
  const run = await autopilotService(req.scope).retrieveJobRun(req.params.id)
  const [described] = await describeRuns(req.scope, [runView(run)])
  res.json({ outcome, run: described })
}
