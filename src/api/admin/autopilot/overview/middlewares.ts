import {
  type MiddlewareRoute,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { AdminGetOverview } from "./validators"

export const adminOverviewMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/autopilot/overview",
    // Not a Query route: only `days` is validated, no Query config.
    middlewares: [validateAndTransformQuery(AdminGetOverview, {})],
  },
]
