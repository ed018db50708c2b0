import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { previewMessage } from "../../../../../../messages/preview"
import type { MessagePreviewResponse } from "../../../../../../types/messages-admin"
import {
  type AdminPreviewMessageType,
  messageNameParam,
} from "../../validators"

/**
 * One message rendered in a locale with sample data from the shop's own
 * catalog: `{ subject, html, text, locale }`. 404 for an unknown message,
 * 400 for an unknown locale.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminPreviewMessageType>,
  res: MedusaResponse<MessagePreviewResponse>
) => {
  const name = messageNameParam(req)
  const { data: _data, ...preview } = await previewMessage(req.scope, {
    name,
    locale: req.validatedQuery.locale ?? null,
  })
  res.json(preview)
}
