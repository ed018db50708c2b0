import {
  type MiddlewareRoute,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { redactErrors } from "../../../utils/redact-errors"
import { AdminPersonQuery } from "./validators"

export const adminPeopleMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET", "DELETE"],
    matcher: "/admin/autopilot/people",
    // Neither method takes a body.
    bodyParser: { sizeLimit: "1kb" },
    middlewares: [
      // Not a Query route: only the email is validated, no Query config.
      redactErrors(validateAndTransformQuery(AdminPersonQuery, {})),
    ],
  },
]
