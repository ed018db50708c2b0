import { MESSAGE_LOCALES } from "../../types/messages"
import { renderMessage, SAMPLE_STOREFRONT_URL, sampleData } from ".."

const name = "autopilot.cart.reminder"

const render = (data: Record<string, unknown>, locale?: string) =>
  renderMessage({
    name,
    data,
    storefrontUrl: SAMPLE_STOREFRONT_URL,
    branding: { shop_name: "Nordwool" },
    ...(locale ? { locale } : {}),
  })

describe("cart reminder with a discount code", () => {
  it("shows the code, what it takes off, the minimum and its end, in every locale", async () => {
    const data = sampleData(name)
    for (const locale of MESSAGE_LOCALES) {
      const out = await render(data, locale)
      expect(out.locale).toBe(locale)
      expect(out.text).toContain("BACK-7KQ2-MX4P-9TZC")
      expect(out.text).toContain("2026")
      expect(out.text).toMatch(/10\s?%/)
      expect(out.text).toMatch(/50[.,]00/)
    }
    const en = await render(data, "en")
    expect(en.text).toContain("Here is 10% off your cart with code")
    expect(en.text).toContain("until June 14, 2026 at 10:00 AM (UTC)")
    expect(en.text).toContain("Return to your cart, code applied")
  })

  it("shows a fixed amount in its currency, and nothing without a discount", async () => {
    const data = sampleData(name)
    const fixed = await render(
      {
        ...data,
        discount: {
          ...(data.discount as Record<string, unknown>),
          type: "fixed",
          value: 5,
          currency_code: "eur",
          min_subtotal: null,
        },
      },
      "en"
    )
    expect(fixed.text).toContain("Here is €5.00 off your cart with code")
    expect(fixed.text).not.toContain("For carts of")
    const plain = await render({ ...data, discount: null }, "en")
    expect(plain.text).not.toContain("BACK-")
    expect(plain.text).toContain("Return to your cart")
    expect(plain.text).not.toContain("code applied")
  })
})
