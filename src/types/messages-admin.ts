/**
 * The admin Messages page's contract: `GET /admin/autopilot/messages`,
 * `GET /admin/autopilot/messages/:name/preview` and
 * `POST /admin/autopilot/messages/:name/test`.
 */

import type { MessageAudience, MessageKind, MessageLocale } from "./messages"

/** One message of the plugin, as the Messages page lists it. */
export type MessageView = {
  /** The notification name, e.g. `autopilot.cart.reminder`. */
  name: string
  /** The merchant's name for it, e.g. "Abandoned cart reminder". */
  title: string
  audience: MessageAudience
  kind: MessageKind
  /** One sentence: what makes the plugin send it. */
  trigger: string
  /**
   * The provider template the merchant mapped it to (`templates` option):
   * then the provider renders it and the plugin's content is not sent.
   * Null when the plugin's own content is sent.
   */
  provider_template: string | null
}

/** A locale a message can be previewed and sent in. */
export type MessageLocaleView = {
  code: MessageLocale
  /** The language's own name, e.g. "Deutsch". */
  label: string
}

export type MessageListResponse = {
  messages: MessageView[]
  locales: MessageLocaleView[]
  /** The locale messages fall back to (the `defaultLocale` option). */
  default_locale: MessageLocale
  /** The notification channel the plugin sends on. */
  channel: string
}

/** `GET /admin/autopilot/messages/:name/preview` */
export type MessagePreviewResponse = {
  name: string
  locale: MessageLocale
  subject: string
  html: string
  text: string
  /**
   * The catalog items the sample was filled with (product titles), empty
   * when the shop has no published product and the built-in sample stands.
   */
  sample_products: string[]
}

/** What the notification provider answered to a test send. */
export type MessageTestStatus = "success" | "failure" | "pending"

/** `POST /admin/autopilot/messages/:name/test` */
export type MessageTestResponse = {
  /** The signed-in admin's email: where the test went. */
  to: string
  locale: MessageLocale
  /** The notification row's status after the send. */
  status: MessageTestStatus
  /** Medusa's notification id (visible in `GET /admin/notifications`). */
  notification_id: string | null
  /** In words: the provider's id for the message, or why it failed. */
  provider_answer: string
  /** The provider template used, when the message is mapped to one. */
  provider_template: string | null
}
