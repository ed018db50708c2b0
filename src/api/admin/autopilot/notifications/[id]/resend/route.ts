import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { resendUnconfirmed } from "../../../../../../runtime/notifier"
import { AdminResendNotification, parseOr400, SendId } from "../../validators"

/**
 * "Send again" for an unconfirmed send: one new notification to the same
 * recipient with the same template and data; a second call is refused.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  parseOr400(AdminResendNotification, req.body, "body")
  const id = SendId.safeParse(req.params.id)
  if (!id.success) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `No unconfirmed send with id ${String(req.params.id).slice(0, 80)}`
    )
  }
  const notification = await resendUnconfirmed(req.scope, id.data)
  res.json({ notification })
}
