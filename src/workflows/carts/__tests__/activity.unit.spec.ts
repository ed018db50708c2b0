import { toActivityRow } from "../utils/activity"
import { config as feedConfig } from "../../../subscribers/cart-activity"
import { config as orderConfig } from "../../../subscribers/cart-order-placed"

const cart = {
  id: "cart_1",
  email: "  Ann@Example.COM ",
  customer_id: null,
  sales_channel_id: "sc_1",
  region_id: "reg_1",
  currency_code: "eur",
  created_at: "2026-01-01T10:00:00Z",
  updated_at: "2026-01-01T11:00:00Z",
  completed_at: null,
}

describe("toActivityRow", () => {
  it("lower-cases the email and counts the items", () => {
    const row = toActivityRow({
      ...cart,
      items: [
        { id: "i1", updated_at: "2026-01-01T10:30:00Z" },
        { id: "i2", updated_at: "2026-01-01T10:40:00Z" },
      ],
    })
    expect(row).toMatchObject({
      cart_id: "cart_1",
      email: "ann@example.com",
      item_count: 2,
      state: "open",
      order_id: null,
    })
    expect(row.cart_created_at.toISOString()).toBe("2026-01-01T10:00:00.000Z")
  })

  it("takes the newest of the cart's and its items' changes as the last activity", () => {
    const row = toActivityRow({
      ...cart,
      items: [{ id: "i1", updated_at: "2026-01-01T12:30:00Z" }],
    })
    expect(row.last_active_at.toISOString()).toBe("2026-01-01T12:30:00.000Z")
  })

  it("is completed once the cart has completed_at or an order", () => {
    expect(
      toActivityRow({ ...cart, completed_at: "2026-01-02T00:00:00Z" }).state
    ).toBe("completed")
    const ordered = toActivityRow({ ...cart, order: { id: "order_1" } })
    expect(ordered).toMatchObject({ state: "completed", order_id: "order_1" })
  })

  it("keeps a cart without email or items", () => {
    const row = toActivityRow({ ...cart, email: null, items: null })
    expect(row).toMatchObject({ email: null, item_count: 0 })
  })
})

describe("feed subscribers", () => {
  it("listen to every cart event and to order.placed", () => {
    expect(feedConfig.event).toEqual([
      "cart.created",
      "cart.updated",
      "cart.customer_updated",
      "cart.region_updated",
      "cart.customer_transferred",
    ])
    expect(orderConfig.event).toBe("order.placed")
  })
})
