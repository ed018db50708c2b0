import {
  type MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { AdminPreviewMessage, AdminSendTestMessage } from "./validators"

/** The Messages page's routes; spread into the admin's middlewares. */
export const adminMessagesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/autopilot/messages/:name/preview",
    middlewares: [validateAndTransformQuery(AdminPreviewMessage, {})],
  },
  {
    method: ["POST"],
    matcher: "/admin/autopilot/messages/:name/test",
    bodyParser: { sizeLimit: "1kb" },
    middlewares: [validateAndTransformBody(AdminSendTestMessage)],
  },
]
