import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import OutboxNotificationProviderService from "./service"

/**
 * A notification provider that writes each message to a folder (HTML and
 * JSON) instead of sending it: the demo shop's `.demo/outbox/` and the
 * tests. Not for production.
 */
export default ModuleProvider(Modules.NOTIFICATION, {
  services: [OutboxNotificationProviderService],
})
