import { at, sqlSuite, time } from "./sql-suite"

jest.setTimeout(60_000)

/**
 * `recordCartActivity` derives each activity row from Medusa's `cart`,
 * `cart_line_item`, `order_cart` and `order` tables, which the module tier
 * does not have: each test creates them with only the columns the
 * statement reads, typed as Medusa's migrations type them; the schema is
 * dropped after each test with the module's own tables. The row must be
 * what `toActivityRow` makes of the cart read through Query (the http tier
 * compares the two on a real shop).
 */
const MEDUSA_TABLES = [
  `create table cart (
     id text primary key,
     email text null,
     customer_id text null,
     sales_channel_id text null,
     region_id text null,
     currency_code text not null,
     completed_at timestamptz null,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     deleted_at timestamptz null)`,
  `create table cart_line_item (
     id text primary key,
     cart_id text not null,
     updated_at timestamptz not null default now(),
     deleted_at timestamptz null)`,
  `create table order_cart (
     id text primary key,
     order_id text not null,
     cart_id text not null,
     deleted_at timestamptz null)`,
  `create table "order" (
     id text primary key,
     deleted_at timestamptz null)`,
]

sqlSuite(({ service, sql, insert }) => {
  const cart = (id: string, row: Record<string, unknown> = {}) =>
    insert("cart", {
      id,
      currency_code: "eur",
      region_id: "reg_1",
      sales_channel_id: "sc_1",
      created_at: at(0),
      updated_at: at(5),
      ...row,
    })
  const item = (
    id: string,
    cartId: string,
    row: Record<string, unknown> = {}
  ) =>
    insert("cart_line_item", { id, cart_id: cartId, updated_at: at(5), ...row })
  const activity = async (cartId: string) =>
    (
      await sql(`select * from autopilot_cart_activity where cart_id = ?`, [
        cartId,
      ])
    )[0]
  const medusaTables = async () => [
    await sql(`select * from cart order by id`),
    await sql(`select * from cart_line_item order by id`),
    await sql(`select * from order_cart order by id`),
    await sql(`select * from "order" order by id`),
  ]

  beforeEach(async () => {
    for (const statement of MEDUSA_TABLES) await sql(statement)
  })

  it("writes nothing for no carts", async () => {
    expect(await service.recordCartActivity([])).toEqual([])
  })

  it("derives the row from the cart, its live items and its order", async () => {
    await cart("cart_a", {
      email: "  Ann@Example.COM ",
      customer_id: "cus_1",
      // a cart's own change with microseconds: the row keeps milliseconds
      updated_at: "2026-01-01T12:05:00.123456Z",
    })
    await item("li_1", "cart_a", { updated_at: at(7) })
    await item("li_2", "cart_a", { updated_at: at(6) })
    await item("li_gone", "cart_a", { updated_at: at(9), deleted_at: at(9) })
    await cart("cart_b", {
      email: "",
      updated_at: "2026-01-01T12:05:00.987654Z",
    })
    const before = await medusaTables()

    const written = await service.recordCartActivity(["cart_a", "cart_b"])

    expect(written).toEqual(
      expect.arrayContaining([
        { cart_id: "cart_a", inserted: true },
        { cart_id: "cart_b", inserted: true },
      ])
    )
    const a = await activity("cart_a")
    expect(a).toMatchObject({
      email: "ann@example.com",
      customer_id: "cus_1",
      sales_channel_id: "sc_1",
      region_id: "reg_1",
      currency_code: "eur",
      item_count: 2,
      state: "open",
      order_id: null,
      completed_at: null,
      reminders_sent: 0,
    })
    expect(a.id).toMatch(/^apca_[0-9a-f]{32}$/)
    expect(time(a.cart_created_at)).toEqual(at(0))
    // the newest of the cart's and its live items' changes
    expect(time(a.last_active_at)).toEqual(at(7))
    const b = await activity("cart_b")
    expect(b).toMatchObject({ email: null, item_count: 0, state: "open" })
    expect(time(b.last_active_at)).toEqual(new Date("2026-01-01T12:05:00.987Z"))
    // read-only on Medusa's tables
    expect(await medusaTables()).toEqual(before)
  })

  it("skips carts that are gone or soft-deleted", async () => {
    await cart("cart_deleted", { deleted_at: at(6) })
    expect(
      await service.recordCartActivity(["cart_deleted", "cart_missing"])
    ).toEqual([])
    expect(await activity("cart_deleted")).toBeUndefined()
  })

  it("completes a cart with completed_at, or with a live link to a live order", async () => {
    await cart("cart_done", { completed_at: at(8), updated_at: at(8) })
    await cart("cart_ordered")
    await insert('"order"', { id: "order_1" })
    await insert("order_cart", {
      id: "ordercart_1",
      order_id: "order_1",
      cart_id: "cart_ordered",
    })
    // neither a removed link nor a deleted order counts, as through Query
    await cart("cart_unlinked")
    await insert("order_cart", {
      id: "ordercart_2",
      order_id: "order_1",
      cart_id: "cart_unlinked",
      deleted_at: at(6),
    })
    await cart("cart_order_deleted")
    await insert('"order"', { id: "order_2", deleted_at: at(6) })
    await insert("order_cart", {
      id: "ordercart_3",
      order_id: "order_2",
      cart_id: "cart_order_deleted",
    })

    await service.recordCartActivity([
      "cart_done",
      "cart_ordered",
      "cart_unlinked",
      "cart_order_deleted",
    ])

    const done = await activity("cart_done")
    expect(done).toMatchObject({ state: "completed", order_id: null })
    expect(time(done.completed_at)).toEqual(at(8))
    expect(await activity("cart_ordered")).toMatchObject({
      state: "completed",
      order_id: "order_1",
      completed_at: null,
    })
    expect(await activity("cart_unlinked")).toMatchObject({
      state: "open",
      order_id: null,
    })
    expect(await activity("cart_order_deleted")).toMatchObject({
      state: "open",
      order_id: null,
    })
  })

  it("refreshes a row: last activity only moves forward, completion and pruning stick", async () => {
    await cart("cart_a", { email: "a@example.com" })
    await item("li_1", "cart_a")
    await cart("cart_pruned")
    await service.recordCartActivity(["cart_a", "cart_pruned"])
    const first = await activity("cart_a")
    await sql(
      `update autopilot_cart_activity set state = 'deleted' where cart_id = ?`,
      ["cart_pruned"]
    )

    // the shopper changes the email and adds an item; the cart row itself
    // carries an older time than the row has (clock skew between writers)
    await sql(`update cart set email = ?, updated_at = ? where id = ?`, [
      "b@example.com",
      at(1),
      "cart_a",
    ])
    await sql(`update cart_line_item set updated_at = ? where id = ?`, [
      at(2),
      "li_1",
    ])
    await item("li_2", "cart_a", { updated_at: at(3) })
    const written = await service.recordCartActivity(["cart_a", "cart_pruned"])

    expect(written).toEqual(
      expect.arrayContaining([
        { cart_id: "cart_a", inserted: false },
        { cart_id: "cart_pruned", inserted: false },
      ])
    )
    const a = await activity("cart_a")
    expect(a).toMatchObject({
      id: first.id,
      email: "b@example.com",
      item_count: 2,
    })
    expect(time(a.last_active_at)).toEqual(at(5))
    expect((await activity("cart_pruned")).state).toBe("deleted")

    await sql(`update cart set completed_at = ?, updated_at = ? where id = ?`, [
      at(20),
      at(20),
      "cart_a",
    ])
    await service.recordCartActivity(["cart_a"])
    expect(await activity("cart_a")).toMatchObject({ state: "completed" })
    // a completed cart stays completed whatever the cart says later
    await sql(`update cart set completed_at = null where id = ?`, ["cart_a"])
    await service.recordCartActivity(["cart_a"])
    const completed = await activity("cart_a")
    expect(completed.state).toBe("completed")
    expect(time(completed.completed_at)).toEqual(at(20))
    expect(
      (await sql(`select count(*)::int as n from autopilot_cart_activity`))[0].n
    ).toBe(2)
  })

  it("keeps one row per cart when the same cart is written at once", async () => {
    await cart("cart_a")
    await Promise.all(
      Array.from({ length: 5 }, () => service.recordCartActivity(["cart_a"]))
    )
    expect(
      await sql(`select id from autopilot_cart_activity where cart_id = ?`, [
        "cart_a",
      ])
    ).toHaveLength(1)
  })
})
