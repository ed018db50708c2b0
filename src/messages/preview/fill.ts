import type { CatalogItem, CatalogSample } from "./catalog-sample"

type Data = Record<string, unknown>

const isObject = (v: unknown): v is Data =>
  typeof v === "object" && v !== null && !Array.isArray(v)

/** The storefront's product page for a catalog item. */
export function productUrl(storefrontUrl: string, item: CatalogItem): string {
  const base = storefrontUrl.replace(/\/+$/, "")
  return item.handle
    ? `${base}/products/${encodeURIComponent(item.handle)}`
    : base
}

/**
 * Moves a sample link onto the shop's storefront: same path and query, the
 * shop's origin and base path. Only links on the sample's storefront
 * (`sampleBase`) move when it is given: a carrier's tracking page stays.
 * Anything that is not an http(s) URL stays.
 */
export function rebaseUrl(
  value: string,
  storefrontUrl: string,
  sampleBase?: string
): string {
  let url: URL
  let base: URL
  try {
    url = new URL(value)
    base = new URL(storefrontUrl)
  } catch {
    return value
  }
  if (!/^https?:$/.test(url.protocol)) return value
  if (sampleBase) {
    try {
      if (new URL(sampleBase).origin !== url.origin) return value
    } catch {
      return value
    }
  }
  const basePath = base.pathname.replace(/\/+$/, "")
  const path =
    basePath && !url.pathname.startsWith(`${basePath}/`)
      ? `${basePath}${url.pathname}`
      : url.pathname
  return `${base.origin}${path}${url.search}${url.hash}`
}

/** Keys whose URL is a picture, not a storefront link. */
const NOT_A_LINK = /thumbnail|logo|image/i

/** The item fields a sample line may carry, filled where the line has them. */
function fillItem(
  line: Data,
  item: CatalogItem,
  storefrontUrl: string,
  used: Set<string>
): Data {
  used.add(item.product_title)
  const out: Data = { ...line }
  const set = (key: string, value: unknown) => {
    if (key in line && value !== undefined) out[key] = value
  }
  const named = "product_title" in line || "variant_title" in line
  set("product_title", item.product_title)
  set("variant_title", item.variant_title)
  // A line's `title` is the product's on a cart line, the variant's on an
  // order line (Medusa's line item title), and both in a stock digest.
  if ("title" in line) {
    out.title =
      line.title === line.variant_title && line.title !== line.product_title
        ? item.variant_title
        : named
          ? item.product_title
          : [item.product_title, item.variant_title].filter(Boolean).join(" – ")
  }
  set("sku", item.sku)
  // The catalog's picture, or none: a sample picture would not load.
  set("thumbnail", item.thumbnail)
  if (item.price !== null) {
    set("unit_price", item.price)
    set("price", item.price)
  }
  set("product_url", productUrl(storefrontUrl, item))
  return out
}

/** An object that names a catalog item: a cart, order or stock line. */
const isItemLike = (v: unknown): v is Data =>
  isObject(v) &&
  ("product_title" in v || "variant_title" in v || ("sku" in v && "title" in v))

/**
 * A sample cart's totals after its lines changed: the lines' sum. Shipping,
 * taxes and discounts of the sample belonged to other prices, so they go.
 */
function fillTotals(totals: Data, lines: Data[]): Data {
  const itemTotal = lines.reduce(
    (sum, l) =>
      sum + (Number(l.unit_price ?? l.price) || 0) * (Number(l.quantity) || 1),
    0
  )
  const out: Data = { ...totals }
  for (const key of Object.keys(totals)) {
    out[key] = ["item_total", "subtotal", "total"].includes(key) ? itemTotal : 0
  }
  return out
}

/**
 * A message's built-in sample data with what the shop's catalog can fill:
 * real product and variant titles, pictures, prices in the shop's currency
 * and product links, every link on the shop's storefront. Fields the
 * catalog has nothing for (order numbers, tracking numbers, names) keep
 * the sample's value. Pure: the catalog is read before. Also returns the
 * product titles it used, for the page to say so.
 */
export function fillFromCatalog(
  sample: Data,
  catalog: CatalogSample,
  storefrontUrl: string,
  sampleBase?: string
): { data: Data; products: string[] } {
  const [first] = catalog.items
  const used = new Set<string>()
  const walk = (value: unknown, key: string, asItem = true): unknown => {
    if (typeof value === "string") {
      return key.endsWith("_url") && !NOT_A_LINK.test(key)
        ? rebaseUrl(value, storefrontUrl, sampleBase)
        : value
    }
    if (Array.isArray(value)) {
      if (catalog.items.length && value.length && value.every(isItemLike)) {
        return value.map((line, i) =>
          fillItem(
            walk(line, key, false) as Data,
            catalog.items[i % catalog.items.length],
            storefrontUrl,
            used
          )
        )
      }
      return value.map((v) => walk(v, key))
    }
    if (!isObject(value)) return value
    let out: Data = Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, walk(v, k)])
    )
    if (asItem && first && ("product_title" in out || "variant_title" in out)) {
      out = fillItem(out, first, storefrontUrl, used)
    }
    if (isObject(out.totals) && Array.isArray(out.items)) {
      out.totals = fillTotals(out.totals, out.items as Data[])
    }
    if (catalog.currency_code && typeof out.currency_code === "string") {
      out.currency_code = catalog.currency_code
    }
    return out
  }
  const data = walk(sample, "") as Data
  return { data, products: [...used] }
}
