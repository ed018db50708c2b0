import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { describeJobs, notificationStatus } from "../../../../runtime/views"
import type { JobListResponse } from "../../../../types"

/** Lists every job with its switch, schedule, last run and health. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<JobListResponse<Date>>
) => {
  const [jobs, notification] = await Promise.all([
    describeJobs(req.scope),
    notificationStatus(req.scope),
  ])
  res.json({ jobs, notification })
}
