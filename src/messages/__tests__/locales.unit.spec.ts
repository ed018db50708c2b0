import { MESSAGE_LOCALES } from "../../types/messages"
import { CATALOGS } from "../locales"
import { en } from "../locales/en"
import type { Catalog } from "../locales/types"

const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

/** What one catalog lacks or has extra, against English. */
function differences(catalog: Catalog): string[] {
  const reference = en as Catalog
  const problems: string[] = []
  const sections = new Set([...Object.keys(reference), ...Object.keys(catalog)])
  for (const section of sections) {
    const want = reference[section as keyof Catalog] ?? {}
    const have = catalog[section as keyof Catalog] ?? {}
    for (const key of Object.keys(want)) {
      if (!(key in have)) problems.push(`${section}.${key} missing`)
      else if (
        placeholders(have[key]).join() !== placeholders(want[key]).join()
      ) {
        problems.push(`${section}.${key} has other placeholders`)
      }
    }
    for (const key of Object.keys(have)) {
      if (!(key in want)) problems.push(`${section}.${key} not in English`)
    }
  }
  return problems
}

describe("locale catalogs", () => {
  it.each(MESSAGE_LOCALES.filter((l) => l !== "en"))(
    "%s has exactly the English strings, with the same placeholders",
    (locale) => {
      expect(differences(CATALOGS[locale])).toEqual([])
    }
  )

  it("the check fails for a missing string and for an extra one", () => {
    const broken = JSON.parse(JSON.stringify(CATALOGS.de)) as Catalog
    delete broken["autopilot.cart.reminder"].subject
    broken["autopilot.cart.reminder"].subjekt = "Hallo"
    expect(differences(broken)).toEqual([
      "autopilot.cart.reminder.subject missing",
      "autopilot.cart.reminder.subjekt not in English",
    ])
  })

  it("no built-in string is empty or left in English by mistake", () => {
    for (const locale of MESSAGE_LOCALES.filter((l) => l !== "en")) {
      const catalog = CATALOGS[locale]
      for (const [section, keys] of Object.entries(catalog)) {
        for (const [key, text] of Object.entries(keys)) {
          expect(text.trim()).not.toBe("")
          const english = (en as Catalog)[section as keyof Catalog][key]
          // Short words may coincide ("Total"); sentences may not.
          if (english.length > 12)
            expect(`${locale}:${text}`).not.toBe(`${locale}:${english}`)
        }
      }
    }
  })
})
