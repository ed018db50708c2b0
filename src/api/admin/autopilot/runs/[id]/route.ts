import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { autopilotService } from "../../../../../runtime/settings"
import { describeRuns, runView } from "../../../../../runtime/views"
import type { RunResponse } from "../../../../../types"

/** One run with its progress, counters, failures and summary. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<RunResponse<Date>>
) => {
  const [run] = await autopilotService(req.scope).listJobRuns({
    id: req.params.id,
  })
  if (!run) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Autopilot run "${req.params.id}" does not exist`
    )
  }
  const [described] = await describeRuns(req.scope, [runView(run)])
  res.json({ run: described })
}
