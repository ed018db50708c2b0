import {
  applyVerdict,
  campaignInput,
  cleanupAction,
  discountOffer,
  newDiscountCode,
  promotionInput,
  usedCode,
} from "../utils/discount"

const NOW = new Date("2026-12-06T10:00:00Z")
const HOUR = 3_600_000
const cart = { currency_code: "EUR", item_subtotal: 80 }

describe("discountOffer", () => {
  it("offers a percentage for valid_hours from now, in no currency", () => {
    expect(
      discountOffer(
        { type: "percentage", value: 10, valid_hours: 48 },
        cart,
        NOW
      )
    ).toEqual({
      offer: {
        type: "percentage",
        value: 10,
        currency_code: null,
        min_subtotal: null,
        expires_at: new Date(NOW.getTime() + 48 * HOUR),
      },
    })
  })

  it("puts a fixed amount without currency in the cart's currency", () => {
    const v = discountOffer(
      { type: "fixed", value: 5, valid_hours: 1 },
      cart,
      NOW
    )
    expect("offer" in v && v.offer.currency_code).toBe("eur")
  })

  it("gives a fixed amount in another currency to no cart of this one", () => {
    expect(
      discountOffer(
        { type: "fixed", value: 5, currency_code: "usd", valid_hours: 1 },
        cart,
        NOW
      )
    ).toEqual({ skip: "other_currency" })
    const same = discountOffer(
      { type: "fixed", value: 5, currency_code: "EUR", valid_hours: 1 },
      cart,
      NOW
    )
    expect("offer" in same).toBe(true)
  })

  it("skips a cart under the minimum, and keeps the minimum on the offer", () => {
    const d = { type: "percentage" as const, value: 10, valid_hours: 1 }
    expect(discountOffer({ ...d, min_subtotal: 100 }, cart, NOW)).toEqual({
      skip: "under_minimum",
    })
    const at = discountOffer({ ...d, min_subtotal: 80 }, cart, NOW)
    expect("offer" in at && at.offer.min_subtotal).toBe(80)
    // Unknown subtotal: the rule on the promotion decides later.
    const unknown = discountOffer(
      { ...d, min_subtotal: 100 },
      { ...cart, item_subtotal: null },
      NOW
    )
    expect("offer" in unknown).toBe(true)
  })
})

describe("newDiscountCode", () => {
  it("is BACK- and three groups of four unambiguous characters", () => {
    const code = newDiscountCode()
    expect(code).toMatch(
      /^BACK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/
    )
    expect(newDiscountCode(() => 0)).toBe("BACK-2222-2222-2222")
    const many = new Set(Array.from({ length: 1000 }, () => newDiscountCode()))
    expect(many.size).toBe(1000)
  })
})

describe("promotionInput and campaignInput", () => {
  const offer = {
    type: "fixed" as const,
    value: 5,
    currency_code: "eur",
    min_subtotal: 50,
    expires_at: new Date(NOW.getTime() + HOUR),
  }
  it("is a single-use, non-automatic order discount with the minimum as a rule", () => {
    expect(
      promotionInput("BACK-X", offer, "procamp_1", {
        cart_id: "cart_1",
        step: 2,
      })
    ).toMatchObject({
      code: "BACK-X",
      status: "active",
      is_automatic: false,
      limit: 1,
      campaign_id: "procamp_1",
      application_method: {
        type: "fixed",
        target_type: "order",
        allocation: "across",
        value: 5,
        currency_code: "eur",
      },
      rules: [{ attribute: "item_subtotal", operator: "gte", values: ["50"] }],
      metadata: { autopilot: { cart_id: "cart_1", step: 2 } },
    })
    const percent = promotionInput(
      "BACK-Y",
      { ...offer, type: "percentage", currency_code: null, min_subtotal: null },
      "c",
      { cart_id: "cart_1", step: 1 }
    )
    expect(percent.rules).toEqual([])
    expect(percent.application_method).not.toHaveProperty("currency_code")
  })
  it("ends the campaign when the code expires", () => {
    expect(campaignInput("BACK-X", offer, NOW)).toMatchObject({
      campaign_identifier: "BACK-X",
      ends_at: offer.expires_at,
    })
  })
})

describe("applyVerdict", () => {
  const promo = {
    status: "active",
    limit: 1,
    used: 0,
    ends_at: new Date(NOW.getTime() + HOUR),
    currency_code: null,
    min_subtotal: null,
  }
  const c = { currency_code: "eur", item_subtotal: 80, codes: [] as string[] }
  it("applies a live code, and keeps one already on the cart", () => {
    expect(applyVerdict(promo, c, "X", NOW)).toBe("apply")
    expect(applyVerdict(promo, { ...c, codes: ["X"] }, "X", NOW)).toBe("keep")
  })
  it("names why not: removed, expired, used, not eligible", () => {
    expect(applyVerdict(null, c, "X", NOW)).toBe("removed")
    expect(applyVerdict({ ...promo, status: "inactive" }, c, "X", NOW)).toBe(
      "removed"
    )
    expect(applyVerdict({ ...promo, ends_at: NOW }, c, "X", NOW)).toBe(
      "expired"
    )
    expect(applyVerdict({ ...promo, used: 1 }, c, "X", NOW)).toBe("used")
    expect(applyVerdict({ ...promo, currency_code: "usd" }, c, "X", NOW)).toBe(
      "not_eligible"
    )
    expect(applyVerdict({ ...promo, min_subtotal: 100 }, c, "X", NOW)).toBe(
      "not_eligible"
    )
    expect(applyVerdict({ ...promo, limit: null, used: 3 }, c, "X", NOW)).toBe(
      "apply"
    )
  })
})

describe("usedCode", () => {
  it("finds the cart's code among the order's, in any case", () => {
    expect(usedCode(["SUMMER", "back-abcd"], ["BACK-ABCD"])).toBe("BACK-ABCD")
    expect(usedCode(["SUMMER"], ["BACK-ABCD"])).toBeNull()
    expect(usedCode([], [])).toBeNull()
  })
})

describe("cleanupAction", () => {
  const past = new Date(NOW.getTime() - 1)
  const future = new Date(NOW.getTime() + HOUR)
  it("deletes an unused code once expired or once its cart ordered without it", () => {
    expect(
      cleanupAction({ expires_at: past, cart_ordered: false }, { used: 0 }, NOW)
    ).toBe("delete")
    expect(
      cleanupAction(
        { expires_at: future, cart_ordered: true },
        { used: 0 },
        NOW
      )
    ).toBe("delete")
    expect(
      cleanupAction(
        { expires_at: future, cart_ordered: false },
        { used: 0 },
        NOW
      )
    ).toBe("wait")
  })
  it("keeps a used promotion (an order's record) and is done with a gone one", () => {
    expect(
      cleanupAction({ expires_at: past, cart_ordered: true }, { used: 1 }, NOW)
    ).toBe("done")
    expect(
      cleanupAction({ expires_at: past, cart_ordered: false }, null, NOW)
    ).toBe("done")
  })
})
