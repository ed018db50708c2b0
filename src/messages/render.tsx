/** @jsxRuntime automatic */
import { plainTextSelectors } from "@react-email/render"
import {
  compile,
  type FormatCallback,
  type HtmlToTextOptions,
} from "html-to-text"
import { renderToStaticMarkup } from "react-dom/server"
import type { NotificationName } from "../catalog/notifications"
import type {
  Branding,
  MessageLocale,
  MessageOverrides,
  RenderedMessage,
} from "../types/messages"
import { Layout } from "./components/layout"
import { createContext } from "./context"
import { matchLocale } from "./locales"
import { TEMPLATES } from "./templates"

export type RenderInput = {
  name: NotificationName
  data: Record<string, unknown>
  /** What the shopper gave (signup, cart, order); else `data.locale`, else `defaultLocale`. */
  locale?: string | null
  branding: Branding
  storefrontUrl: string
  /** The `messages` plugin option. */
  overrides?: MessageOverrides
  /** The `defaultLocale` plugin option; English when unset. */
  defaultLocale?: MessageLocale
}

const DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'

/** The locale a message is written in: the shopper's when the plugin has it, else the shop's default. */
export function messageLocale(
  input: Pick<RenderInput, "locale" | "data" | "defaultLocale">
): MessageLocale {
  return (
    matchLocale(input.locale) ??
    matchLocale(input.data.locale) ??
    input.defaultLocale ??
    "en"
  )
}

/** Inline, with the element's `data-text-prefix` and `data-text-suffix` around it. */
const affix: FormatCallback = (elem, walk, builder) => {
  const prefix = elem.attribs?.["data-text-prefix"]
  const suffix = elem.attribs?.["data-text-suffix"]
  if (prefix) builder.addLiteral(prefix)
  walk(elem.children, builder)
  if (suffix) builder.addLiteral(suffix)
}

/**
 * The plugin's plain-text rules, on top of React Email's (`toPlainText`
 * with these options gives the same text as {@link toText}).
 */
export const TEXT_RULES = {
  selectors: [
    { selector: "h1", options: { uppercase: false } },
    { selector: "a[data-skip-href=true]", format: "inline" },
    { selector: "table", format: "block" },
    { selector: "tr", format: "block" },
    { selector: "td", format: "block" },
    // Label and value, a product's titles, quantity and price: one line.
    { selector: "[data-text-inline=true]", format: "affix" },
  ],
  formatters: { affix },
} satisfies HtmlToTextOptions

/**
 * HTML to the plain-text part: React Email's `toPlainText` (its options and
 * selectors, then the plugin's), compiled once. `toPlainText` compiles the
 * selectors again on every call, which was about 40 % of rendering an alert.
 */
const toText = compile({
  wordwrap: false,
  selectors: [...plainTextSelectors, ...TEXT_RULES.selectors],
  formatters: TEXT_RULES.formatters,
})

/** One line, no markup: subjects are plain text. */
function plainLine(value: string): string {
  return value
    .replace(/[\r\n\t]+/g, " ")
    .replace(/\s{2,}/g, " ")
    .trim()
}

/**
 * Renders a message as the notification's `content`: subject, HTML (React
 * Email's tables and inline styles; every text escaped by React) and the
 * plain-text part (from the same HTML).
 */
export async function renderMessage(
  input: RenderInput
): Promise<RenderedMessage> {
  const locale = messageLocale(input)
  const ctx = createContext({ ...input, locale })
  const out = TEMPLATES[input.name](ctx)
  const html =
    DOCTYPE +
    renderToStaticMarkup(
      <Layout
        ctx={ctx}
        preview={out.preview}
        reason={out.reason}
        unsubscribeUrl={out.unsubscribeUrl}
      >
        {out.body}
      </Layout>
    )
  const text = toText(html)
    .replace(/\n{3,}/g, "\n\n")
    .trim()
  return { subject: plainLine(out.subject), html, text, locale }
}
