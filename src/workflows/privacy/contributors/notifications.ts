import { Modules } from "@medusajs/framework/utils"
import type { PrivacyContributor } from "./types"

/** Every message the plugin sends carries this trigger type (see runtime/notifier.ts). */
const PLUGIN_TRIGGER = "medusa-plugin-autopilot"

/**
 * The messages the plugin sent to the person (confirmations, alerts,
 * reminders), as Medusa's Notification module recorded them. They live in
 * that module's table, read through its service. Not erased: the module's
 * public interface has no delete, and the plugin never writes another
 * module's tables; the links in them stop working once the plugin's tokens
 * are erased. The README says so.
 */
export const notificationsContributor: PrivacyContributor = {
  domain: "notifications",

  async collect(container, { email }) {
    const rows = await container
      .resolve(Modules.NOTIFICATION)
      .listNotifications(
        { to: email, trigger_type: PLUGIN_TRIGGER },
        {
          take: null,
          select: [
            "id",
            "to",
            "channel",
            "template",
            "status",
            "resource_id",
            "resource_type",
            "created_at",
          ],
          order: { created_at: "ASC" },
        }
      )
    return { notification: rows }
  },

  async erase() {
    return {}
  },
}
