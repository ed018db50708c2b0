import { toPlainText } from "@react-email/render"
import type { FormatCallback } from "html-to-text"
import { NOTIFICATION_NAMES } from "../../catalog/notifications"
import { type Branding, MESSAGE_LOCALES } from "../../types/messages"
import { renderMessage, SAMPLE_STOREFRONT_URL, sampleData } from ".."

/**
 * The plain-text part comes from one compiled `html-to-text` converter
 * (`render.tsx`); it must say exactly what React Email's own `toPlainText`
 * says with the same rules, so an upgrade of either that changes the
 * default rules shows here.
 */
const affix: FormatCallback = (elem, walk, builder) => {
  const prefix = elem.attribs?.["data-text-prefix"]
  const suffix = elem.attribs?.["data-text-suffix"]
  if (prefix) builder.addLiteral(prefix)
  walk(elem.children, builder)
  if (suffix) builder.addLiteral(suffix)
}

const viaToPlainText = (html: string) =>
  toPlainText(html, {
    selectors: [
      { selector: "h1", options: { uppercase: false } },
      { selector: "a[data-skip-href=true]", format: "inline" },
      { selector: "table", format: "block" },
      { selector: "tr", format: "block" },
      { selector: "td", format: "block" },
      { selector: "[data-text-inline=true]", format: "affix" },
    ],
    formatters: { affix },
  })
    .replace(/\n{3,}/g, "\n\n")
    .trim()

const branding: Branding = {
  shop_name: "Nordwool",
  logo_url: "https://cdn.nordwool.example/logo.png",
  accent_color: "#0f766e",
  support_email: "help@nordwool.example",
  footer_address: "Kanalstraße 4, 20095 Hamburg",
}

describe("plain-text part", () => {
  it.each(NOTIFICATION_NAMES)(
    "%s: the same as toPlainText in every locale",
    async (name) => {
      for (const locale of MESSAGE_LOCALES) {
        const out = await renderMessage({
          name,
          data: sampleData(name),
          locale,
          branding,
          storefrontUrl: SAMPLE_STOREFRONT_URL,
        })
        expect(out.text.length).toBeGreaterThan(0)
        expect(out.text).toBe(viaToPlainText(out.html))
      }
    }
  )
})
