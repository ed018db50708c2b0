import { z } from "@medusajs/framework/zod"
import { MedusaError } from "@medusajs/framework/utils"
import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import type { NotificationName } from "../../../../catalog/notifications"
import { isNotificationName } from "../../../../messages/preview"
import { MESSAGE_LOCALES } from "../../../../types/messages"

/** A built-in locale; anything else is a 400 listing the valid ones. */
const locale = z.enum(MESSAGE_LOCALES).optional()

/** `GET /admin/autopilot/messages/:name/preview?locale=de` */
export const AdminPreviewMessage = z.strictObject({ locale })
export type AdminPreviewMessageType = z.infer<typeof AdminPreviewMessage>

/** `POST /admin/autopilot/messages/:name/test` with `{ locale }` */
export const AdminSendTestMessage = z.strictObject({ locale })
export type AdminSendTestMessageType = z.infer<typeof AdminSendTestMessage>

/** The message named in the path, or a 404. */
export function messageNameParam(
  req: AuthenticatedMedusaRequest
): NotificationName {
  const name = req.params.name
  if (!isNotificationName(name)) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Autopilot sends no message named "${name}"`
    )
  }
  return name
}
