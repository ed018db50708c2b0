import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/** The ids of everything that belongs to a set of carts, read before pruning. */
export type CartFootprint = {
  cartIds: string[]
  itemIds: string[]
  shippingMethodIds: string[]
  addressIds: string[]
  paymentCollectionIds: string[]
}

async function ids(
  db: Knex,
  sql: string,
  bindings: unknown[]
): Promise<string[]> {
  const { rows } = await db.raw(sql, bindings as never)
  return (rows as { id: string }[]).map((r) => r.id)
}

export async function footprintOf(
  db: Knex,
  cartIds: string[]
): Promise<CartFootprint> {
  return {
    cartIds,
    itemIds: await ids(
      db,
      "select id from cart_line_item where cart_id = any(?)",
      [cartIds]
    ),
    shippingMethodIds: await ids(
      db,
      "select id from cart_shipping_method where cart_id = any(?)",
      [cartIds]
    ),
    addressIds: await ids(
      db,
      `select shipping_address_id as id from cart where id = any(?) and shipping_address_id is not null
       union select billing_address_id from cart where id = any(?) and billing_address_id is not null`,
      [cartIds, cartIds]
    ),
    paymentCollectionIds: await ids(
      db,
      "select payment_collection_id as id from cart_payment_collection where cart_id = any(?)",
      [cartIds]
    ),
  }
}

/**
 * Every row, soft-deleted or not, in every cart table and cart link table
 * that belongs to the footprint's carts, per table, in a stable order.
 */
export async function rowsOf(
  db: Knex,
  f: CartFootprint
): Promise<Record<string, unknown[]>> {
  const read = async (table: string, column: string, values: string[]) => {
    const { rows } = await db.raw(
      `select * from "${table}" where "${column}" = any(?) order by 1`,
      [values] as never
    )
    return rows as unknown[]
  }
  return {
    cart: await read("cart", "id", f.cartIds),
    cart_line_item: await read("cart_line_item", "cart_id", f.cartIds),
    cart_line_item_adjustment: await read(
      "cart_line_item_adjustment",
      "item_id",
      f.itemIds
    ),
    cart_line_item_tax_line: await read(
      "cart_line_item_tax_line",
      "item_id",
      f.itemIds
    ),
    cart_shipping_method: await read(
      "cart_shipping_method",
      "cart_id",
      f.cartIds
    ),
    cart_shipping_method_adjustment: await read(
      "cart_shipping_method_adjustment",
      "shipping_method_id",
      f.shippingMethodIds
    ),
    cart_shipping_method_tax_line: await read(
      "cart_shipping_method_tax_line",
      "shipping_method_id",
      f.shippingMethodIds
    ),
    cart_address: await read("cart_address", "id", f.addressIds),
    credit_line: await read("credit_line", "cart_id", f.cartIds),
    cart_payment_collection: await read(
      "cart_payment_collection",
      "cart_id",
      f.cartIds
    ),
    cart_promotion: await read("cart_promotion", "cart_id", f.cartIds),
    payment_collection: await read(
      "payment_collection",
      "id",
      f.paymentCollectionIds
    ),
  }
}

/** Tables of `rows` that still hold something. */
export function leftovers(rows: Record<string, unknown[]>) {
  return Object.fromEntries(
    Object.entries(rows)
      .filter(([, list]) => list.length)
      .map(([table, list]) => [table, list.length])
  )
}
