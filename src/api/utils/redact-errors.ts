import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { redactEmails } from "../../lib/redact"

type Middleware = (
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => unknown

/**
 * Masks email addresses in the error a validation middleware passes on.
 * Medusa's validators quote what they refuse (an unknown field's name, an
 * enum value), Medusa's error handler logs that message, and on a public
 * route it is whatever a caller sent — an address among it would end up in
 * the shop's logs.
 *
 * @example
 * middlewares: [redactErrors(validateAndTransformBody(StoreAutopilotToken))]
 */
export function redactErrors(middleware: Middleware): Middleware {
  return (req, res, next) =>
    middleware(req, res, (err?: unknown) => {
      if (err instanceof Error) err.message = redactEmails(err.message)
      next(err)
    })
}
