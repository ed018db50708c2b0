import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { sendTestMessage } from "../../../../../../messages/preview"
import type { MessageTestResponse } from "../../../../../../types/messages-admin"
import {
  type AdminSendTestMessageType,
  messageNameParam,
} from "../../validators"

/**
 * Sends the message, rendered as previewed, to the signed-in admin's email
 * through the shop's notification provider. Answers 200 with what the
 * provider said — `status: "failure"` and its reason when it refused — so
 * the admin can show it; 4xx only for a wrong request.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminSendTestMessageType>,
  res: MedusaResponse<MessageTestResponse>
) => {
  const name = messageNameParam(req)
  res.json(
    await sendTestMessage(req.scope, {
      name,
      locale: req.validatedBody.locale ?? null,
      actorId: req.auth_context?.actor_id,
      actorType: req.auth_context?.actor_type,
    })
  )
}
