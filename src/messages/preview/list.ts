import type { MedusaContainer } from "@medusajs/framework/types"
import { NOTIFICATION_NAMES } from "../../catalog/notifications"
import { autopilotService } from "../../runtime/settings"
import type { MessageListResponse } from "../../types/messages-admin"
import { messageInfo } from ".."
import { LOCALE_VIEWS } from "./locales"
import { defaultLocale, providerTemplate } from "./options"
import { MESSAGE_TITLES } from "./titles"

/** Every message the plugin sends, as the Messages page lists it. */
export async function listMessages(
  container: MedusaContainer
): Promise<MessageListResponse> {
  const options = await autopilotService(container).getOptions()
  return {
    messages: NOTIFICATION_NAMES.map((name) => {
      const info = messageInfo(name)
      return {
        name,
        title: MESSAGE_TITLES[name],
        audience: info.audience,
        kind: info.kind,
        trigger: info.trigger,
        provider_template: providerTemplate(options, name),
      }
    }),
    locales: LOCALE_VIEWS,
    default_locale: defaultLocale(options),
    channel: options.notificationChannel,
  }
}
