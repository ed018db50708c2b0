import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * Seeds abandoned carts with SQL, fast, in the exact row shape the cart
 * module writes (read from carts created through `createCarts`: id
 * prefixes `cart_` / `cali_` / `caaddr_` with 26 characters after them,
 * `raw_unit_price` as `{ value, precision: 20 }`, line item flags
 * `requires_shipping`/`is_discountable` true, the others false), plus the
 * plugin's own activity row for each cart, as the cart feed would have
 * written it. {@link checkSeededCarts} reads seeded carts back through the
 * module to prove the shape.
 *
 * Each cart: an email, a region and sales channel, currency `eur`, one
 * shipping address, 2 line items of 24.24, last updated `ageDays` days ago
 * (spread over `spreadDays` more). Carts are numbered; seeding `from`..`to`
 * in several calls appends, so one database can be grown in stages.
 *
 * Medusa's tables are written with SQL here only because this is a bench
 * fixture: no plugin code does it.
 */
export type SeedCartsInput = {
  /** First cart number (0-based) and one past the last. */
  from: number
  to: number
  regionId: string
  salesChannelId: string
  /** Carts are last active between ageDays and ageDays + spreadDays ago. */
  ageDays?: number
  spreadDays?: number
  /** Write the plugin's `autopilot_cart_activity` rows too (default true). */
  activity?: boolean
}

/** The smallest piece of a pg client / knex `raw` the seeding needs. */
export type SqlRunner = (sql: string, params?: unknown[]) => Promise<unknown>

/** Cart number → id, the same in every table and every run. */
export function seededCartId(n: number): string {
  return `cart_BENCH${String(n).padStart(21, "0")}`
}

const CHUNK = 50_000

export async function seedCarts(
  run: SqlRunner,
  input: SeedCartsInput
): Promise<void> {
  const age = input.ageDays ?? 100
  const spread = input.spreadDays ?? 30
  for (let from = input.from; from < input.to; from += CHUNK) {
    const to = Math.min(input.to, from + CHUNK)
    const span = [from, to - 1, age, spread]
    const params = [...span, input.regionId, input.salesChannelId]
    // One statement per table and chunk; ids derive from the cart number.
    await run(
      `insert into cart_address (id, first_name, last_name, address_1, city, country_code, postal_code, created_at, updated_at)
       select 'caaddr_BENCH' || lpad(n::text, 21, '0'), 'Ada', 'Shopper', 'Hauptstr. ' || (n % 200 + 1), 'Berlin', 'de', '10115', t, t
         from generate_series($1::int, $2::int) n,
              lateral (select now() - make_interval(days => $3::int) - (n % ($4::int * 1440)) * interval '1 minute' as t) x`,
      span
    )
    await run(
      `insert into cart (id, region_id, sales_channel_id, email, currency_code, shipping_address_id, created_at, updated_at)
       select 'cart_BENCH' || lpad(n::text, 21, '0'), $5, $6, 'shopper' || n || '@example.com', 'eur',
              'caaddr_BENCH' || lpad(n::text, 21, '0'), t, t
         from generate_series($1::int, $2::int) n,
              lateral (select now() - make_interval(days => $3::int) - (n % ($4::int * 1440)) * interval '1 minute' as t) x`,
      params
    )
    for (const [k, title, sku] of [
      [0, "Tee", "TEE-M"],
      [1, "Cap", "CAP-L"],
    ] as const) {
      await run(
        `insert into cart_line_item (id, cart_id, title, quantity, variant_id, product_id, product_title, variant_sku, variant_title,
                                     requires_shipping, is_discountable, is_tax_inclusive, unit_price, raw_unit_price,
                                     is_custom_price, is_giftcard, created_at, updated_at)
         select 'cali_BENCH' || lpad((n * 2 + ${k})::text, 21, '0'), 'cart_BENCH' || lpad(n::text, 21, '0'),
                '${title}', 1, 'variant_bench_${k}', 'prod_bench_${k}', '${title}', '${sku}', 'Default',
                true, true, false, 24.24, '{"value": "24.24", "precision": 20}'::jsonb, false, false, t, t
           from generate_series($1::int, $2::int) n,
                lateral (select now() - make_interval(days => $3::int) - (n % ($4::int * 1440)) * interval '1 minute' as t) x`,
        span
      )
    }
    if (input.activity !== false) {
      await run(
        `insert into autopilot_cart_activity (id, cart_id, email, sales_channel_id, region_id, currency_code, item_count,
                                              cart_created_at, last_active_at, state)
         select 'apca_BENCH' || lpad(n::text, 21, '0'), 'cart_BENCH' || lpad(n::text, 21, '0'),
                'shopper' || n || '@example.com', $6, $5, 'eur', 2, t, t, 'open'
           from generate_series($1::int, $2::int) n,
                lateral (select now() - make_interval(days => $3::int) - (n % ($4::int * 1440)) * interval '1 minute' as t) x`,
        params
      )
    }
  }
}

/**
 * Tells the cart jobs their one-time backfill is done (the seeded activity
 * rows are complete), so a measured run does not walk the carts first.
 */
export async function markBackfillDone(
  run: SqlRunner,
  recorded: number
): Promise<void> {
  await run(
    `insert into autopilot_state (id, key, value)
     values ('apst_BENCHBACKFILL', 'cart-activity:backfill', $1::jsonb)
     on conflict (key) where deleted_at is null do update set value = excluded.value`,
    [
      JSON.stringify({
        cursor: null,
        done: true,
        recorded,
        started_at: new Date().toISOString(),
        finished_at: new Date().toISOString(),
      }),
    ]
  )
}

/**
 * Reads seeded carts back through the cart module next to a cart the
 * module itself created with the same content, and throws if they differ
 * in anything but ids and times. Returns what it compared.
 */
export async function checkSeededCarts(
  container: MedusaContainer,
  input: { regionId: string; salesChannelId: string; sample: string[] }
): Promise<string> {
  const cart = container.resolve(Modules.CART)
  const [made] = await cart.createCarts([
    {
      currency_code: "eur",
      email: "shape@example.com",
      region_id: input.regionId,
      sales_channel_id: input.salesChannelId,
      shipping_address: {
        first_name: "Ada",
        last_name: "Shopper",
        address_1: "Hauptstr. 1",
        city: "Berlin",
        country_code: "de",
        postal_code: "10115",
      },
      items: (
        [
          [0, "Tee", "TEE-M"],
          [1, "Cap", "CAP-L"],
        ] as const
      ).map(([k, title, sku]) => ({
        title,
        product_title: title,
        variant_sku: sku,
        variant_title: "Default",
        quantity: 1,
        unit_price: 24.24,
        variant_id: `variant_bench_${k}`,
        product_id: `prod_bench_${k}`,
      })),
    },
  ])
  const config = {
    relations: ["items", "shipping_address"],
  }
  const shape = (c: Record<string, unknown>) => {
    const items = (c.items as Record<string, unknown>[])
      .map((i) => ({
        title: i.title,
        quantity: i.quantity,
        unit_price: Number(i.unit_price),
        variant_id: i.variant_id,
        variant_sku: i.variant_sku,
        requires_shipping: i.requires_shipping,
        is_discountable: i.is_discountable,
        is_tax_inclusive: i.is_tax_inclusive,
        is_custom_price: i.is_custom_price,
      }))
      .sort((a, b) => String(a.title).localeCompare(String(b.title)))
    const address = c.shipping_address as Record<string, unknown>
    return {
      region_id: c.region_id,
      sales_channel_id: c.sales_channel_id,
      currency_code: c.currency_code,
      completed_at: c.completed_at,
      items,
      city: address?.city,
      country_code: address?.country_code,
      total: Number(c.total),
    }
  }
  const [reference] = await cart.listCarts(
    { id: made.id },
    { ...config, select: ["*", "total"] as never }
  )
  const seeded = await cart.listCarts(
    { id: input.sample },
    { ...config, select: ["*", "total"] as never }
  )
  if (seeded.length !== input.sample.length) {
    throw new Error(
      `seeded carts: read ${seeded.length} of ${input.sample.length} through the cart module`
    )
  }
  const expected = JSON.stringify(
    shape(reference as unknown as Record<string, unknown>)
  )
  for (const s of seeded) {
    const got = JSON.stringify(shape(s as unknown as Record<string, unknown>))
    if (got !== expected) {
      throw new Error(
        `seeded cart ${s.id} differs from a module-made cart:\n${got}\n${expected}`
      )
    }
  }
  await cart.deleteCarts([made.id])
  if (made.shipping_address?.id) {
    await cart.deleteAddresses([made.shipping_address.id])
  }
  return expected
}
