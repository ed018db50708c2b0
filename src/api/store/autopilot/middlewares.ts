import {
  type MiddlewareRoute,
  validateAndTransformBody,
} from "@medusajs/framework/http"
import { redactErrors } from "../../utils/redact-errors"
import { jsonObjectBody } from "../json-body"
import { StoreAutopilotToken } from "./validators"

export const storeAutopilotMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/store/autopilot/confirm",
    bodyParser: { sizeLimit: "4kb" },
    middlewares: [
      jsonObjectBody,
      redactErrors(validateAndTransformBody(StoreAutopilotToken)),
    ],
  },
  {
    method: ["POST"],
    matcher: "/store/autopilot/unsubscribe",
    bodyParser: { sizeLimit: "4kb" },
    middlewares: [
      jsonObjectBody,
      redactErrors(validateAndTransformBody(StoreAutopilotToken)),
    ],
  },
  {
    method: ["POST"],
    matcher: "/store/autopilot/cart-recovery",
    bodyParser: { sizeLimit: "4kb" },
    middlewares: [
      jsonObjectBody,
      redactErrors(validateAndTransformBody(StoreAutopilotToken)),
    ],
  },
]
