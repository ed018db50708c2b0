import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  describeJobs,
  type JobView,
  notificationStatus,
} from "../../../../runtime/views"

/** Lists every job with its switch, schedule, last run and health. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<{
    jobs: JobView[]
    notification: Awaited<ReturnType<typeof notificationStatus>>
  }>
) => {
  const [jobs, notification] = await Promise.all([
    describeJobs(req.scope),
    notificationStatus(req.scope),
  ])
  res.json({ jobs, notification })
}
