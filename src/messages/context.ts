import type { ReactNode } from "react"
import type { NotificationName } from "../catalog/notifications"
import type {
  Branding,
  MessageLocale,
  MessageOverrides,
} from "../types/messages"
import { fill, lookup } from "./locales"

type Vars = Record<string, string | number | null | undefined>

/** What a template gets: its data and the means to say things in the reader's language. */
export type MessageContext = {
  name: NotificationName
  data: Record<string, unknown>
  locale: MessageLocale
  branding: Branding
  /** The storefront's base URL, without a trailing slash. */
  storefrontUrl: string
  /** The shop's name as shown: the branding's, else the storefront's host. */
  shop: string
  /** This message's string `key`, placeholders filled. */
  t(key: string, vars?: Vars): string
  /** A shared string (`common`), placeholders filled. */
  common(key: string, vars?: Vars): string
  /** An amount in major units (Medusa's), formatted for the locale and currency. */
  price(amount: unknown, currencyCode: unknown): string | null
  /** A date (ISO string or Date), formatted for the locale. */
  date(value: unknown): string | null
  /** An absolute http(s) link: kept when absolute, put on the storefront when a path, else null. */
  link(url: unknown): string | null
}

/** What a template gives back; the layout adds header and footer. */
export type TemplateOutput = {
  subject: string
  /** The inbox preview line. */
  preview: string
  body: ReactNode
  /** Why the reader gets this message (footer). */
  reason: string
  /** Marketing messages (and confirmations of them) carry one. */
  unsubscribeUrl?: string | null
}

export type MessageTemplate = (ctx: MessageContext) => TemplateOutput

export function createContext(input: {
  name: NotificationName
  data: Record<string, unknown>
  locale: MessageLocale
  branding: Branding
  storefrontUrl: string
  overrides?: MessageOverrides
}): MessageContext {
  const base = input.storefrontUrl.replace(/\/+$/, "")
  let host = base
  try {
    host = new URL(base).host
  } catch {
    // keep the URL as given
  }
  const shop = input.branding.shop_name?.trim() || host
  const withShop = (vars: Vars = {}) => ({ shop, ...vars })
  return {
    name: input.name,
    data: input.data,
    locale: input.locale,
    branding: input.branding,
    storefrontUrl: base,
    shop,
    t: (key, vars) =>
      fill(
        lookup(input.locale, input.name, key, input.overrides),
        withShop(vars)
      ),
    common: (key, vars) =>
      fill(
        lookup(input.locale, "common", key, input.overrides),
        withShop(vars)
      ),
    price: (amount, currencyCode) =>
      formatPrice(input.locale, amount, currencyCode),
    date: (value) => formatDate(input.locale, value),
    link: (url) => absoluteLink(url, base),
  }
}

export function formatPrice(
  locale: string,
  amount: unknown,
  currencyCode: unknown
): string | null {
  const value =
    typeof amount === "number"
      ? amount
      : typeof amount === "string" && amount.trim()
        ? Number(amount)
        : NaN
  if (!Number.isFinite(value)) return null
  if (typeof currencyCode !== "string" || !/^[a-z]{3}$/i.test(currencyCode)) {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(
      value
    )
  }
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency: currencyCode.toUpperCase(),
    }).format(value)
  } catch {
    return `${value} ${currencyCode.toUpperCase()}`
  }
}

export function formatDate(locale: string, value: unknown): string | null {
  if (!(value instanceof Date) && typeof value !== "string") return null
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return null
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(date)
}

/** Only http(s) links go into a message: a `javascript:` one must never be live. */
export function absoluteLink(url: unknown, base: string): string | null {
  if (typeof url !== "string" || !url.trim()) return null
  const value = url.trim()
  if (value.startsWith("/") && !value.startsWith("//")) return `${base}${value}`
  try {
    const parsed = new URL(value)
    return parsed.protocol === "http:" || parsed.protocol === "https:"
      ? parsed.toString()
      : null
  } catch {
    return null
  }
}

/** A text field of the data, or null. */
export function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() ? value : null
  if (typeof value === "number" && Number.isFinite(value)) return String(value)
  return null
}

/** A list field of the data, each entry an object. */
export function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter(
        (v): v is Record<string, unknown> => !!v && typeof v === "object"
      )
    : []
}
