import {
  MESSAGE_LOCALES,
  type MessageLocale,
  type MessageOverrides,
} from "../../types/messages"
import { de } from "./de"
import { en } from "./en"
import { es } from "./es"
import { fr } from "./fr"
import { nl } from "./nl"
import type { Catalog } from "./types"

export type { Catalog }
export { en }

/** Every built-in catalog, by locale. */
export const CATALOGS: Record<MessageLocale, Catalog> = { en, de, nl, fr, es }

/**
 * The built-in locale for a language tag a shopper gave (`de-AT` → `de`),
 * or null when the plugin has no catalog for it.
 */
export function matchLocale(tag: unknown): MessageLocale | null {
  if (typeof tag !== "string" || !tag.trim()) return null
  const language = tag.trim().toLowerCase().split(/[-_]/)[0]
  return (MESSAGE_LOCALES as readonly string[]).includes(language)
    ? (language as MessageLocale)
    : null
}

/**
 * The keys of `overrides` the English catalog does not have, as option
 * paths (`de.autopilot.cart.reminder.subjct`): a typo must stop start-up.
 */
export function unknownOverrideKeys(overrides: MessageOverrides): string[] {
  const problems: string[] = []
  for (const [locale, sections] of Object.entries(overrides)) {
    if (!(MESSAGE_LOCALES as readonly string[]).includes(locale)) {
      problems.push(
        `"${locale}": unknown locale; expected one of ${MESSAGE_LOCALES.join(", ")}`
      )
      continue
    }
    for (const [section, keys] of Object.entries(sections ?? {})) {
      const reference = (en as Catalog)[section as keyof Catalog]
      if (!reference) {
        problems.push(
          `"${locale}.${section}": unknown message; expected common or a notification name`
        )
        continue
      }
      for (const key of Object.keys(keys ?? {})) {
        if (!(key in reference)) {
          problems.push(
            `"${locale}.${section}.${key}": unknown string; expected one of ${Object.keys(reference).join(", ")}`
          )
        }
      }
    }
  }
  return problems
}

/** `{name}` placeholders filled in; a missing value leaves the text around it. */
export function fill(
  text: string,
  vars: Record<string, string | number | null | undefined> = {}
): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name]
    return value === undefined || value === null ? whole : String(value)
  })
}

/**
 * One string: the merchant's override for the locale, else the locale's
 * catalog, else English (a catalog never lacks a key: a test checks).
 */
export function lookup(
  locale: MessageLocale,
  section: keyof Catalog,
  key: string,
  overrides: MessageOverrides | undefined
): string {
  return (
    overrides?.[locale]?.[section]?.[key] ??
    CATALOGS[locale][section]?.[key] ??
    (en as Catalog)[section][key] ??
    key
  )
}
