import { isLead, leadKind } from "../cart-lead"

describe("isLead", () => {
  const cart = { email: "a@example.com", item_count: 2, total: 30 }

  it("is a lead with an email, items and a total", () => {
    expect(isLead(cart)).toBe(true)
  })

  it("is a lead with a customer and no email", () => {
    expect(isLead({ ...cart, email: null, customer_id: "cus_1" })).toBe(true)
  })

  it("is not a lead with neither email nor customer", () => {
    expect(isLead({ ...cart, email: null, customer_id: null })).toBe(false)
    expect(isLead({ ...cart, email: "" })).toBe(false)
  })

  it("is not a lead without items", () => {
    expect(isLead({ ...cart, item_count: 0 })).toBe(false)
  })

  it("is not a lead with a zero total", () => {
    expect(isLead({ ...cart, total: 0 })).toBe(false)
    expect(isLead({ ...cart, total: "0" })).toBe(false)
    expect(isLead({ ...cart, total: null })).toBe(false)
  })

  it("reads a total given as a string", () => {
    expect(isLead({ ...cart, total: "12.50" })).toBe(true)
  })

  it("is not a lead with a total that is not a number", () => {
    expect(isLead({ ...cart, total: "abc" })).toBe(false)
  })

  it("takes items alone when the total is not known", () => {
    expect(isLead({ email: "a@example.com", item_count: 1 })).toBe(true)
    expect(isLead({ email: "a@example.com", item_count: 0 })).toBe(false)
  })
})

describe("leadKind", () => {
  it("is a guest without a customer id", () => {
    expect(leadKind({ customer_id: null }, { has_account: true })).toBe("guest")
  })

  it("is a guest when the customer record has no account", () => {
    expect(leadKind({ customer_id: "cus_1" }, { has_account: false })).toBe(
      "guest"
    )
  })

  it("is a customer when the customer has an account", () => {
    expect(leadKind({ customer_id: "cus_1" }, { has_account: true })).toBe(
      "customer"
    )
  })

  it("is a guest when the customer is gone", () => {
    expect(leadKind({ customer_id: "cus_1" }, undefined)).toBe("guest")
  })
})
