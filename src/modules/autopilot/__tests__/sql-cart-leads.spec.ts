import { at, sqlSuite, time } from "./sql-suite"

jest.setTimeout(60_000)

/**
 * `archiveCartLeads` snapshots Medusa's `cart` and `cart_line_item`, which
 * belong to the cart module, not to this one: the module tier boots the
 * autopilot module alone, so those tables do not exist here. Each test
 * creates them with only the columns the snapshot statement
 * (`CART_LEAD_SNAPSHOT_SQL`) reads, typed as Medusa's cart migrations type
 * them (quantity integer, unit_price numeric); the schema is dropped after
 * each test with the module's own tables.
 */
const CART_TABLES = [
  `create table cart (
     id text primary key,
     email text null,
     customer_id text null,
     sales_channel_id text null,
     region_id text null,
     currency_code text not null,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     deleted_at timestamptz null)`,
  `create table cart_line_item (
     id text primary key,
     cart_id text not null,
     title text not null,
     product_title text null,
     variant_id text null,
     variant_title text null,
     variant_sku text null,
     quantity integer not null,
     unit_price numeric not null,
     thumbnail text null,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
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
  const item = (id: string, cartId: string, row: Record<string, unknown>) =>
    insert("cart_line_item", {
      id,
      cart_id: cartId,
      title: `Title ${id}`,
      product_title: `Product ${id}`,
      variant_id: `variant_${id}`,
      variant_title: "M",
      variant_sku: `SKU-${id}`,
      thumbnail: null,
      updated_at: at(5),
      ...row,
    })
  const leads = async () =>
    sql(`select * from autopilot_cart_lead order by cart_id`)
  const lead = async (cartId: string) =>
    (await leads()).find((l) => l.cart_id === cartId)
  /** Every row of Medusa's two tables, to prove the archive wrote neither. */
  const cartTables = async () => [
    await sql(`select * from cart order by id`),
    await sql(`select * from cart_line_item order by id`),
  ]

  beforeEach(async () => {
    for (const statement of CART_TABLES) await sql(statement)

    // a shopper with an email (mixed case), two live items and a removed one
    await cart("cart_mail", { email: "Shopper@Example.com" })
    await item("li_1", "cart_mail", { quantity: 2, unit_price: 10.5 })
    await item("li_2", "cart_mail", {
      quantity: 1,
      unit_price: 4,
      updated_at: at(8),
    })
    await item("li_gone", "cart_mail", {
      quantity: 5,
      unit_price: 100,
      deleted_at: at(6),
    })
    // a customer without email, with one item
    await cart("cart_customer", { customer_id: "cus_1", email: "" })
    await item("li_5", "cart_customer", { quantity: 1, unit_price: 7 })
    // no lead: a customer's cart without items, or worth nothing
    await cart("cart_customer_empty", { customer_id: "cus_2", email: "" })
    await cart("cart_free", { email: "free@example.com" })
    await item("li_6", "cart_free", { quantity: 2, unit_price: 0 })
    // no lead: anonymous, or the cart itself is soft-deleted
    await cart("cart_anon")
    await item("li_3", "cart_anon", { quantity: 1, unit_price: 1 })
    await cart("cart_deleted", { email: "x@example.com", deleted_at: at(6) })
    // a lead that already recovered: it stays recovered
    await cart("cart_recovered", { email: "r@example.com" })
    await item("li_4", "cart_recovered", { quantity: 3, unit_price: 2 })
    await insert("autopilot_cart_lead", {
      id: "apcl_recovered",
      cart_id: "cart_recovered",
      email: "r@example.com",
      status: "recovered",
      items: JSON.stringify([{ title: "old" }]),
      total: 1,
      raw_total: JSON.stringify({ value: "1", precision: 20 }),
      last_active_at: at(30),
      reminders_sent: 1,
      archived_at: null,
    })
    // the activity row: reminders sent, and activity after the cart changed
    await insert("autopilot_cart_activity", {
      id: "apca_mail",
      cart_id: "cart_mail",
      cart_created_at: at(0),
      last_active_at: at(20),
      reminders_sent: 2,
    })
  })

  describe("archiveCartLeads", () => {
    it("archives a snapshot of each lead's cart, and returns what it replaced", async () => {
      const before = await cartTables()

      const undo = await service.archiveCartLeads(
        [
          "cart_mail",
          "cart_customer",
          "cart_customer_empty",
          "cart_free",
          "cart_anon",
          "cart_deleted",
          "cart_recovered",
        ],
        at(40)
      )

      expect([...undo.created].sort()).toEqual(["cart_customer", "cart_mail"])
      expect(undo.previous).toHaveLength(1)
      expect(undo.previous[0]).toMatchObject({
        id: "apcl_recovered",
        status: "recovered",
        items: [{ title: "old" }],
      })

      expect((await leads()).map((l) => l.cart_id)).toEqual([
        "cart_customer",
        "cart_mail",
        "cart_recovered",
      ])
      const mail = await lead("cart_mail")
      expect(mail).toMatchObject({
        email: "shopper@example.com",
        status: "archived",
        region_id: "reg_1",
        sales_channel_id: "sc_1",
        currency_code: "eur",
        reminders_sent: 2,
        raw_total: { precision: 20 },
        items: [
          {
            title: "Title li_1",
            product_title: "Product li_1",
            variant_id: "variant_li_1",
            variant_title: "M",
            sku: "SKU-li_1",
            quantity: 2,
            unit_price: 10.5,
            thumbnail: null,
          },
          expect.objectContaining({ sku: "SKU-li_2", quantity: 1 }),
        ],
      })
      expect(mail!.id).toMatch(/^apcl_[0-9a-f]{32}$/)
      expect(Number(mail!.total)).toBe(25)
      expect(Number((mail!.raw_total as { value: string }).value)).toBe(25)
      // the later of the cart's last change and the activity row
      expect(time(mail!.last_active_at)).toEqual(at(20))
      expect(time(mail!.archived_at)).toEqual(at(40))
      expect(time(mail!.cart_created_at)).toEqual(at(0))

      expect(await lead("cart_customer")).toMatchObject({
        email: null,
        customer_id: "cus_1",
        status: "archived",
        items: [expect.objectContaining({ sku: "SKU-li_5", quantity: 1 })],
        reminders_sent: 0,
      })
      expect(Number((await lead("cart_customer"))!.total)).toBe(7)

      const recovered = await lead("cart_recovered")
      expect(recovered).toMatchObject({
        status: "recovered",
        items: [expect.objectContaining({ sku: "SKU-li_4", quantity: 3 })],
        reminders_sent: 1,
      })
      expect(Number(recovered!.total)).toBe(6)
      expect(time(recovered!.last_active_at)).toEqual(at(30))
      expect(time(recovered!.archived_at)).toEqual(at(40))

      // Medusa's tables are only read
      expect(await cartTables()).toEqual(before)
    })

    it("does nothing for no carts", async () => {
      expect(await service.archiveCartLeads([], at(40))).toEqual({
        created: [],
        previous: [],
      })
      expect(await leads()).toHaveLength(1)
    })

    it("keeps one lead per cart when run again, and reports the first run's rows as previous", async () => {
      await service.archiveCartLeads(["cart_mail"], at(40))
      const first = await lead("cart_mail")

      const again = await service.archiveCartLeads(["cart_mail"], at(41))

      expect(again.created).toEqual([])
      expect(again.previous).toHaveLength(1)
      expect(again.previous[0]).toMatchObject({
        id: first!.id,
        status: "archived",
      })
      const rows = (await leads()).filter((l) => l.cart_id === "cart_mail")
      expect(rows).toHaveLength(1)
      expect(rows[0].id).toBe(first!.id)
      expect(time(rows[0].archived_at)).toEqual(at(41))
    })
  })

  describe("unarchiveCartLeads", () => {
    it("deletes the leads the archive created and restores the rows it changed", async () => {
      const before = await lead("cart_recovered")
      const undo = await service.archiveCartLeads(
        ["cart_mail", "cart_customer", "cart_recovered"],
        at(40)
      )

      await service.unarchiveCartLeads(undo)

      expect((await leads()).map((l) => l.cart_id)).toEqual(["cart_recovered"])
      const restored = await lead("cart_recovered")
      expect(restored).toMatchObject({
        id: "apcl_recovered",
        status: "recovered",
        items: [{ title: "old" }],
        raw_total: { value: "1", precision: 20 },
        reminders_sent: 1,
        archived_at: null,
      })
      expect(Number(restored!.total)).toBe(1)
      expect(time(restored!.last_active_at)).toEqual(
        time(before!.last_active_at)
      )
    })

    it("changes nothing for an empty undo", async () => {
      const before = await leads()

      await service.unarchiveCartLeads({ created: [], previous: [] })

      expect(await leads()).toEqual(before)
    })
  })
})
