import {
  type MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { redactErrors } from "../../../utils/redact-errors"
import { AdminPersonBody, AdminPersonQuery } from "./validators"

export const adminPeopleMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/autopilot/people/export",
    // One email address in JSON.
    bodyParser: { sizeLimit: "1kb" },
    middlewares: [redactErrors(validateAndTransformBody(AdminPersonBody))],
  },
  {
    method: ["POST"],
    matcher: "/admin/autopilot/people/erase",
    bodyParser: { sizeLimit: "1kb" },
    middlewares: [redactErrors(validateAndTransformBody(AdminPersonBody))],
  },
  {
    // Deprecated forms, the email in the query string (see route.ts).
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
