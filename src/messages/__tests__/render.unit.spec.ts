import { toPlainText } from "@react-email/render"
import { NOTIFICATION_NAMES } from "../../catalog/notifications"
import { parseAutopilotOptions } from "../../modules/autopilot/options"
import { hasProviderTemplate } from "../../runtime/notifier"
import { type Branding, MESSAGE_LOCALES } from "../../types/messages"
import {
  messageInfo,
  renderMessage,
  SAMPLE_STOREFRONT_URL,
  sampleData,
} from ".."
import { formatDate, formatPrice } from "../context"
import { TEXT_RULES } from "../render"

const branding: Branding = {
  shop_name: "Nordwool",
  logo_url: "https://cdn.nordwool.example/logo.png",
  accent_color: "#0f766e",
  support_email: "help@nordwool.example",
  footer_address: "Kanalstraße 4, 20095 Hamburg",
}

const render = (
  name: (typeof NOTIFICATION_NAMES)[number],
  extra: Partial<Parameters<typeof renderMessage>[0]> = {}
) =>
  renderMessage({
    name,
    data: sampleData(name),
    branding,
    storefrontUrl: SAMPLE_STOREFRONT_URL,
    ...extra,
  })

const attr = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, "g"))].map((m) =>
    m[1].replace(/&amp;/g, "&")
  )

/** Text as React escapes it. */
const escaped = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;")

const HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']

/** Every text field a shopper or the catalog can fill, made hostile. */
function hostile(value: unknown, text: string): unknown {
  if (Array.isArray(value)) return value.map((v) => hostile(v, text))
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        /title|reason|status_message|last_error|carrier|tracking_number|customer_email|sku/.test(
          k
        ) && typeof v === "string"
          ? `${text} ${k}`
          : hostile(v, text),
      ])
    )
  }
  return value
}

describe("every message in every locale, with sample data", () => {
  const cases = NOTIFICATION_NAMES.flatMap((name) =>
    MESSAGE_LOCALES.map((locale) => [name, locale] as const)
  )

  it.each(cases)(
    "%s in %s passes the structure checks",
    async (name, locale) => {
      const out = await render(name, { locale })
      expect(out.locale).toBe(locale)
      // Subject: one line of plain text.
      expect(out.subject.trim().length).toBeGreaterThan(3)
      expect(out.subject).not.toMatch(/[<>\n]|\{\w+\}/)
      // Every link absolute, on the storefront.
      const hrefs = attr(out.html, "href")
      expect(hrefs.length).toBeGreaterThan(0)
      for (const href of hrefs) {
        expect(href.startsWith(`${SAMPLE_STOREFRONT_URL}/`)).toBe(true)
      }
      // Images: the shop's logo or the storefront's.
      for (const src of attr(out.html, "src")) {
        expect(
          src.startsWith(`${SAMPLE_STOREFRONT_URL}/`) ||
            src === branding.logo_url
        ).toBe(true)
      }
      // The language is declared; no placeholder left unfilled.
      expect(out.html).toContain(`lang="${locale}"`)
      expect(out.html).not.toMatch(/\{\w+\}/)
      // The unsubscribe link where the message is marketing.
      const unsubscribe = sampleData(name).unsubscribe_url as string | undefined
      if (messageInfo(name).kind === "marketing") {
        expect(unsubscribe).toMatch(/^https:\/\//)
        expect(hrefs).toContain(unsubscribe)
        expect(out.text).toContain(unsubscribe)
      }
      // A text part that stands alone: words, links written out, no markup.
      expect(out.text.length).toBeGreaterThan(80)
      expect(out.text).not.toMatch(/<\/?[a-z][^>]*>/i)
      expect(out.text).not.toMatch(/&(amp|lt|gt|quot|#\d+);/)
      for (const href of hrefs.filter(
        (h) => h !== `${SAMPLE_STOREFRONT_URL}/`
      )) {
        expect(out.text).toContain(href)
      }
      // The shop, its address and where to write.
      expect(out.text).toContain("Nordwool")
      expect(out.text).toContain("Kanalstraße 4")
      if (messageInfo(name).audience === "customer") {
        expect(out.text).toContain("help@nordwool.example")
      }
    }
  )

  it.each(NOTIFICATION_NAMES)(
    "%s escapes hostile catalog and shopper text",
    async (name) => {
      for (const text of HOSTILE) {
        const out = await renderMessage({
          name,
          data: hostile(sampleData(name), text) as Record<string, unknown>,
          branding: { ...branding, shop_name: `Shop ${text}` },
          storefrontUrl: SAMPLE_STOREFRONT_URL,
        })
        expect(out.html).not.toContain("<script")
        expect(out.html).not.toContain("<img src=x")
        // No tag got an attribute from the data: attribute values
        // (always double-quoted by React) removed, no tag names onerror.
        const tags =
          out.html.replace(/"[^"]*"/g, '""').match(/<[a-z][^>]*>/gi) ?? []
        expect(tags.filter((t) => /onerror|<img src=x/i.test(t))).toEqual([])
        expect(out.html).toContain("&lt;")
        // The shop's name, escaped, is there: nothing was just dropped.
        expect(out.html).toContain(`Shop ${escaped(text)}`)
        expect(out.subject).not.toMatch(/\n/)
      }
    }
  )

  it("a shipment item is named by product and variant", async () => {
    const out = await render("autopilot.shipment.shipped")
    expect(out.text).toContain("Merino Crew Sweater")
    expect(out.text).toContain("M / Navy")
  })

  it("marketing messages are the cart reminder and the restock alert", () => {
    expect(
      NOTIFICATION_NAMES.filter((n) => messageInfo(n).kind === "marketing")
    ).toEqual(["autopilot.restock.available", "autopilot.cart.reminder"])
    for (const name of NOTIFICATION_NAMES) {
      expect(messageInfo(name).trigger.length).toBeGreaterThan(20)
    }
  })

  it("a link that is not http(s) is never put in a message", async () => {
    const data = {
      ...sampleData("autopilot.cart.reminder"),
      recovery_url: "javascript:alert(1)",
    }
    const out = await renderMessage({
      name: "autopilot.cart.reminder",
      data,
      branding: { ...branding, logo_url: "javascript:alert(2)" },
      storefrontUrl: SAMPLE_STOREFRONT_URL,
    })
    expect(out.html).not.toContain("javascript:")
  })
})

describe("locale", () => {
  it("follows the shopper's language tag, else the default, else English", async () => {
    const name = "autopilot.restock.available"
    expect((await render(name, { locale: "de-AT" })).locale).toBe("de")
    expect((await render(name, { locale: "FR" })).locale).toBe("fr")
    expect(
      (await render(name, { locale: "pt-BR", defaultLocale: "nl" })).locale
    ).toBe("nl")
    expect(
      (
        await renderMessage({
          name,
          data: { ...sampleData(name), locale: "es-MX" },
          branding,
          storefrontUrl: SAMPLE_STOREFRONT_URL,
        })
      ).locale
    ).toBe("es")
    expect((await render(name)).locale).toBe("en")
  })

  it("formats prices and dates for the locale and currency", () => {
    expect(formatPrice("de", 1234.5, "eur")).toBe("1.234,50\u00a0€")
    expect(formatPrice("en", 1234.5, "usd")).toBe("$1,234.50")
    expect(formatPrice("en", 1000, "jpy")).toBe("¥1,000")
    expect(formatPrice("en", "nope", "eur")).toBeNull()
    expect(formatDate("de", "2026-12-05T10:00:00Z")).toBe("5. Dezember 2026")
    expect(formatDate("en", "2026-12-05T10:00:00Z")).toBe("December 5, 2026")
    expect(formatDate("fr", "not a date")).toBeNull()
  })

  it("the cart reminder shows each line's price and the total in the cart's currency", async () => {
    const out = await render("autopilot.cart.reminder", { locale: "de" })
    expect(out.text).toContain("89,90\u00a0€")
    expect(out.text).toContain("129,80\u00a0€")
  })
})

describe("the messages option", () => {
  it("overrides a string for one locale and message", async () => {
    const { messages } = parseAutopilotOptions({
      messages: {
        de: {
          "autopilot.cart.reminder": { subject: "Hallo {shop}, dein Korb!" },
        },
        en: { common: { unsubscribe: "Stop these emails" } },
      },
    })
    const de = await render("autopilot.cart.reminder", {
      locale: "de",
      overrides: messages,
    })
    expect(de.subject).toBe("Hallo Nordwool, dein Korb!")
    const en = await render("autopilot.cart.reminder", { overrides: messages })
    expect(en.subject).toBe("You left something in your cart")
    expect(en.text).toContain("Stop these emails")
  })

  it.each([
    [
      { de: { "autopilot.cart.reminder": { subjct: "x" } } },
      '"de.autopilot.cart.reminder.subjct": unknown string',
    ],
    [
      { de: { "autopilot.cart.remind": { subject: "x" } } },
      '"de.autopilot.cart.remind": unknown message',
    ],
    [{ pt: { common: { unsubscribe: "x" } } }, '"pt": unknown locale'],
  ])("refuses an unknown key at start-up: %j", (messages, problem) => {
    expect(() => parseAutopilotOptions({ messages })).toThrow(problem)
  })
})

describe("the branding option", () => {
  it("takes a full branding", () => {
    expect(parseAutopilotOptions({ branding }).branding).toEqual(branding)
  })

  it.each([
    [{ logo_url: "ftp://cdn.example/logo.png" }, '"branding.logo_url"'],
    [{ logo_url: "javascript:alert(1)" }, '"branding.logo_url"'],
    [
      { accent_color: "red" },
      '"branding.accent_color": expected a colour as #rrggbb',
    ],
    [{ accent_color: "#12345" }, '"branding.accent_color"'],
    [
      { support_email: "help" },
      '"branding.support_email": expected an email address',
    ],
    [{ shop_name: "" }, '"branding.shop_name"'],
    [{ colour: "#000000" }, '"branding": unknown key "colour"'],
  ])("refuses %j", (value, problem) => {
    expect(() => parseAutopilotOptions({ branding: value })).toThrow(problem)
  })

  it("defaultLocale must be a built-in locale", () => {
    expect(parseAutopilotOptions({}).defaultLocale).toBe("en")
    expect(parseAutopilotOptions({ defaultLocale: "nl" }).defaultLocale).toBe(
      "nl"
    )
    expect(() => parseAutopilotOptions({ defaultLocale: "pt" })).toThrow(
      '"defaultLocale": expected one of en, de, nl, fr, es'
    )
  })
})

describe("provider templates", () => {
  it("a message mapped to a provider template is sent without content", () => {
    const options = parseAutopilotOptions({
      templates: { "autopilot.cart.reminder": "d-cart-123" },
    })
    expect(hasProviderTemplate(options, "autopilot.cart.reminder")).toBe(true)
    expect(hasProviderTemplate(options, "autopilot.restock.available")).toBe(
      false
    )
  })
})

/**
 * The plain-text part comes from one compiled `html-to-text` converter; it
 * must say exactly what React Email's own `toPlainText` says with the same
 * rules, so an upgrade of either that changes the default rules shows here.
 */
describe("plain-text part", () => {
  it.each(NOTIFICATION_NAMES)(
    "%s: the same as toPlainText in every locale",
    async (name) => {
      for (const locale of MESSAGE_LOCALES) {
        const out = await render(name, { locale })
        const expected = toPlainText(out.html, TEXT_RULES)
          .replace(/\n{3,}/g, "\n\n")
          .trim()
        expect(out.text.length).toBeGreaterThan(0)
        expect(out.text).toBe(expected)
      }
    }
  )
})
