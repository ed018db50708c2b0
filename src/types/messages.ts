import type { NotificationName } from "./notifications"

/** The languages the plugin's messages are written in, English first. */
export const MESSAGE_LOCALES = ["en", "de", "nl", "fr", "es"] as const
export type MessageLocale = (typeof MESSAGE_LOCALES)[number]

/** Who reads a message. */
export type MessageAudience = "customer" | "merchant"
/** Marketing messages carry an unsubscribe link; transactional ones answer something the reader did. */
export type MessageKind = "marketing" | "transactional"

export type MessageInfo = {
  audience: MessageAudience
  kind: MessageKind
  /** One sentence for the merchant: when the message goes out. */
  trigger: string
}

/** The shop's look in its messages. */
export const BRANDING_FIELDS = [
  "shop_name",
  "logo_url",
  "accent_color",
  "support_email",
  "footer_address",
] as const
export type BrandingField = (typeof BRANDING_FIELDS)[number]

/** Branding as messages use it: the plugin option merged with the admin's override. */
export type Branding = {
  /** Shown in the header when there is no logo, and in the texts; null: the storefront's host name. */
  shop_name: string | null
  /** An http(s) image shown in the header instead of the shop name. */
  logo_url: string | null
  /** `#rrggbb`, the colour of buttons and links. */
  accent_color: string
  /** Shown in the footer as the address to write to. */
  support_email: string | null
  /** The shop's postal address, shown in the footer. */
  footer_address: string | null
}

/** What the merchant changed in the admin; a missing field follows the plugin option. */
export type BrandingOverride = Partial<Record<BrandingField, string>>

/** `GET`/`POST /admin/autopilot/branding`. */
export type BrandingResponse = {
  /** What messages use now. */
  branding: Branding
  /** The `branding` plugin option with its defaults. */
  option: Branding
  /** The admin's changes over the option. */
  override: BrandingOverride
}

/** `POST /admin/autopilot/branding`: a field set to null follows the plugin option again. */
export type BrandingUpdate = Partial<Record<BrandingField, string | null>>

/**
 * The `messages` plugin option: per locale, per message (or `common` for
 * the parts every message shares), per string key, the merchant's text.
 */
export type MessageOverrides = Partial<
  Record<
    MessageLocale,
    Partial<Record<NotificationName | "common", Record<string, string>>>
  >
>

/** A message ready to send: what goes into the notification's `content`. */
export type RenderedMessage = {
  subject: string
  html: string
  text: string
  locale: MessageLocale
}
