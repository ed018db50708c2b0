import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** One variant of the shop's catalog, as a preview shows it. */
export type CatalogItem = {
  product_title: string
  variant_title: string | null
  sku: string | null
  thumbnail: string | null
  handle: string | null
  /** In major units of `currency_code` (Medusa v2 stores amounts so). */
  price: number | null
}

/** What the shop's own catalog offers to fill a preview. */
export type CatalogSample = {
  currency_code: string | null
  items: CatalogItem[]
}

/** Products read for a preview: enough for a cart of a few lines. */
const PRODUCTS_READ = 10
/** Lines a sample cart or parcel gets at most. */
const MAX_ITEMS = 3

type ProductRow = {
  title: string
  handle: string | null
  thumbnail: string | null
  variants?: {
    title: string | null
    sku: string | null
    prices?: {
      amount: number | string
      currency_code: string
      rules_count?: number | null
    }[]
  }[]
}

type StoreRow = {
  supported_currencies?: { currency_code: string; is_default: boolean }[]
}

/** The plain price of a variant in a currency (no price list, no rules). */
function priceIn(
  variant: NonNullable<ProductRow["variants"]>[number],
  currency: string | null
): number | null {
  if (!currency) return null
  const prices = (variant.prices ?? []).filter(
    (p) => p.currency_code === currency
  )
  const plain = prices.find((p) => !p.rules_count) ?? prices[0]
  return plain ? Number(plain.amount) : null
}

/**
 * Picks the variants a preview shows: published products first with a
 * picture and a price in the shop's currency, one variant per product,
 * oldest product first so the same preview comes back each time.
 */
export function pickCatalogItems(
  products: ProductRow[],
  currency: string | null,
  max = MAX_ITEMS
): CatalogItem[] {
  const candidates = products.flatMap((p) => {
    const variant =
      (p.variants ?? []).find((v) => priceIn(v, currency) !== null) ??
      p.variants?.[0]
    if (!variant) return []
    const item: CatalogItem = {
      product_title: p.title,
      variant_title: variant.title ?? null,
      sku: variant.sku ?? null,
      thumbnail: p.thumbnail ?? null,
      handle: p.handle ?? null,
      price: priceIn(variant, currency),
    }
    return [item]
  })
  const score = (i: CatalogItem) =>
    (i.thumbnail ? 0 : 2) + (i.price !== null ? 0 : 1)
  return candidates
    .map((item, index) => ({ item, index }))
    .sort((a, b) => score(a.item) - score(b.item) || a.index - b.index)
    .slice(0, max)
    .map((c) => c.item)
}

/**
 * Reads a few published products and the shop's default currency through
 * Query. An empty catalog gives no items: the preview then keeps the
 * built-in sample.
 */
export async function readCatalogSample(
  container: MedusaContainer
): Promise<CatalogSample> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: stores }, { data: products }] = await Promise.all([
    query.graph({
      entity: "store",
      fields: [
        "supported_currencies.currency_code",
        "supported_currencies.is_default",
      ],
      pagination: { take: 1, skip: 0 },
    }),
    query.graph({
      entity: "product",
      fields: [
        "title",
        "handle",
        "thumbnail",
        "created_at",
        "variants.title",
        "variants.sku",
        "variants.prices.amount",
        "variants.prices.currency_code",
        "variants.prices.rules_count",
      ],
      filters: { status: "published" },
      pagination: {
        take: PRODUCTS_READ,
        skip: 0,
        order: { created_at: "ASC" },
      },
    }),
  ])
  const currencies = (stores[0] as StoreRow | undefined)?.supported_currencies
  const currency =
    currencies?.find((c) => c.is_default)?.currency_code ??
    currencies?.[0]?.currency_code ??
    null
  return {
    currency_code: currency,
    items: pickCatalogItems(products as ProductRow[], currency),
  }
}
