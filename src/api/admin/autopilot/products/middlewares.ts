import {
  type MiddlewareRoute,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { AdminProductRestockQuery } from "./validators"

export const adminProductRestockMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/autopilot/products/:id/restock",
    // Not a Query route: nothing to validate but the (empty) query string.
    middlewares: [validateAndTransformQuery(AdminProductRestockQuery, {})],
  },
]
