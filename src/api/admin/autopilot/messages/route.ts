import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { listMessages } from "../../../../messages/preview"
import type { MessageListResponse } from "../../../../types/messages-admin"

/**
 * Every message the plugin sends: the merchant's title, who gets it,
 * marketing or transactional, what triggers it, and the provider template
 * it is mapped to (then the plugin's content is not sent).
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<MessageListResponse>
) => {
  res.json(await listMessages(req.scope))
}
