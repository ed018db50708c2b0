import type { MedusaContainer } from "@medusajs/framework/types"
import type { NotificationName } from "../../catalog/notifications"
import { autopilotService } from "../../runtime/settings"
import type { MessageLocale } from "../../types/messages"
import type { MessagePreviewResponse } from "../../types/messages-admin"
import {
  loadBranding,
  renderMessage,
  SAMPLE_STOREFRONT_URL,
  sampleData,
} from ".."
import { readCatalogSample } from "./catalog-sample"
import { fillFromCatalog } from "./fill"
import { defaultLocale } from "./options"

export type PreviewInput = {
  name: NotificationName
  /** Null: the `default_locale` option. */
  locale: MessageLocale | null
}

/** A rendered preview and the data it was rendered from (a test sends both). */
export type Preview = MessagePreviewResponse & {
  data: Record<string, unknown>
}

/**
 * Renders a message as the shop would send it now — its branding, its
 * `messages` overrides, its storefront — with the built-in sample data
 * filled from the shop's own catalog (products, prices, currency).
 */
export async function previewMessage(
  container: MedusaContainer,
  input: PreviewInput
): Promise<Preview> {
  const options = await autopilotService(container).getOptions()
  const [branding, catalog] = await Promise.all([
    loadBranding(container, options),
    readCatalogSample(container),
  ])
  const { data, products } = fillFromCatalog(
    sampleData(input.name),
    catalog,
    options.storefrontUrl,
    SAMPLE_STOREFRONT_URL
  )
  const rendered = await renderMessage({
    name: input.name,
    data,
    locale: input.locale ?? defaultLocale(options),
    defaultLocale: defaultLocale(options),
    branding,
    storefrontUrl: options.storefrontUrl,
    overrides: options.messages,
  })
  return {
    name: input.name,
    locale: rendered.locale,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    sample_products: products,
    data,
  }
}
