import { MESSAGE_LOCALES, type MessageLocale } from "../../types/messages"
import type { MessageLocaleView } from "../../types/messages-admin"

/** Each built-in language by its own name, as the locale switch shows it. */
export const LOCALE_LABELS: Record<MessageLocale, string> = {
  en: "English",
  de: "Deutsch",
  nl: "Nederlands",
  fr: "Français",
  es: "Español",
}

export const LOCALE_VIEWS: MessageLocaleView[] = MESSAGE_LOCALES.map(
  (code) => ({ code, label: LOCALE_LABELS[code] })
)
