import {
  type MiddlewareRoute,
  validateAndTransformBody,
} from "@medusajs/framework/http"
import { redactErrors } from "../../utils/redact-errors"
import { storeJsonBodyMiddlewares } from "../json-body"
import { StoreAutopilotToken } from "./validators"

export const storeAutopilotMiddlewares: MiddlewareRoute[] = [
  // 415 / 400 for a body that is not a JSON object, on every plugin store
  // route (restock-subscriptions included).
  ...storeJsonBodyMiddlewares,
  {
    method: ["POST"],
    matcher: "/store/autopilot/confirm",
    middlewares: [redactErrors(validateAndTransformBody(StoreAutopilotToken))],
  },
  {
    method: ["POST"],
    matcher: "/store/autopilot/unsubscribe",
    middlewares: [redactErrors(validateAndTransformBody(StoreAutopilotToken))],
  },
  {
    method: ["POST"],
    matcher: "/store/autopilot/cart-recovery",
    middlewares: [redactErrors(validateAndTransformBody(StoreAutopilotToken))],
  },
]
