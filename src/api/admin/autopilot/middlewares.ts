import {
  type MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  AdminListAutopilotJobChanges,
  AdminListAutopilotJobRuns,
  AdminRunAutopilotJob,
  AdminUpdateAutopilotJob,
} from "./validators"

/** Small JSON bodies only: nothing here needs more than a few kilobytes. */
const BODY_LIMIT = { sizeLimit: "64kb" }

export const adminAutopilotMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/autopilot/jobs/:name",
    bodyParser: BODY_LIMIT,
    middlewares: [validateAndTransformBody(AdminUpdateAutopilotJob)],
  },
  {
    method: ["POST"],
    matcher: "/admin/autopilot/jobs/:name/run",
    bodyParser: BODY_LIMIT,
    middlewares: [validateAndTransformBody(AdminRunAutopilotJob)],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/jobs/:name/runs",
    middlewares: [
      validateAndTransformQuery(AdminListAutopilotJobRuns, {
        isList: true,
        defaults: ["id"],
        defaultLimit: 20,
      }),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/jobs/:name/changes",
    middlewares: [
      validateAndTransformQuery(AdminListAutopilotJobChanges, {
        isList: true,
        defaults: ["id"],
        defaultLimit: 20,
      }),
    ],
  },
]
