/**
 * The plugin's ready messages: one React Email template per notification,
 * strings from one catalog per locale, the shop's branding. The notifier
 * renders each send into the notification's `content`; the admin previews
 * them.
 */
export {
  MESSAGE_LOCALES,
  type Branding,
  type MessageLocale,
  type MessageOverrides,
  type RenderedMessage,
} from "../types/messages"
export { renderMessage, messageLocale, type RenderInput } from "./render"
export { messageInfo } from "./info"
export { sampleData, SAMPLE_STOREFRONT_URL } from "./samples"
export {
  loadBranding,
  brandingState,
  brandingFromOptions,
  saveBrandingOverride,
  BRANDING_STATE_KEY,
} from "./branding"
export {
  brandingOptionSchema,
  brandingUpdateSchema,
  messageLocaleSchema,
  messageOverridesSchema,
} from "./schema"
export { CATALOGS, matchLocale, unknownOverrideKeys } from "./locales"
