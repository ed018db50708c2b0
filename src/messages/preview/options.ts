import type { NotificationName } from "../../catalog/notifications"
import type { AutopilotOptions } from "../../modules/autopilot/options"
import type { MessageLocale } from "../../types/messages"
import { matchLocale } from "../locales"

/**
 * The provider template the merchant mapped a message to (`templates`
 * option), or null when the plugin's own content is sent. Unmapped names
 * resolve to themselves in the parsed options.
 */
export function providerTemplate(
  options: Pick<AutopilotOptions, "templates">,
  name: NotificationName
): string | null {
  const template = (options.templates as Partial<Record<string, string>>)[name]
  return template && template !== name ? template : null
}

/** The `defaultLocale` option, English when unset. */
export function defaultLocale(options: AutopilotOptions): MessageLocale {
  return matchLocale(options.defaultLocale) ?? "en"
}
