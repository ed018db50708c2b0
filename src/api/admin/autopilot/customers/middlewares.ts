import {
  type MiddlewareRoute,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { AdminCustomerActivityQuery } from "./validators"

export const adminCustomerActivityMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/autopilot/customers/:id",
    // Not a Query route: nothing to validate but the (empty) query string.
    middlewares: [validateAndTransformQuery(AdminCustomerActivityQuery, {})],
  },
]
