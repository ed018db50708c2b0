import { describeAction } from "../run-words"

describe("describeAction: reminder discount codes", () => {
  it("counts codes made, skipped, deleted and kept in merchant words", () => {
    expect(describeAction("cart-reminders", "discount-code", 2, false)).toBe(
      "Created 2 single-use discount codes"
    )
    expect(
      describeAction(
        "cart-reminders",
        "discount-skipped-under-minimum",
        1,
        false
      )
    ).toBe("1 reminder without a discount code: the cart is under the minimum")
    expect(
      describeAction("cart-pruning", "removed-discount-code", 3, false)
    ).toBe("Deleted 3 expired or unused discount codes")
    expect(
      describeAction("cart-pruning", "would-remove-discount-code", 1, true)
    ).toBe("Would delete 1 expired or unused discount code")
    expect(
      describeAction("cart-pruning", "kept-used-discount-code", 1, false)
    ).toBe("Kept 1 discount code an order used")
  })
})
