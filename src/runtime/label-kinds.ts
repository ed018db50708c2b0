/**
 * How each kind of Medusa record is named and linked in the admin, by id
 * prefix (see `labels.ts`, which reads them in batches).
 */

export type Row = Record<string, unknown>

export type Kind = {
  entity: string
  fields: string[]
  label: (row: Row) => string | null
  href: (row: Row) => string | null
}

export const str = (v: unknown): string | null =>
  typeof v === "string" && v.trim() ? v.trim() : null

export function money(amount: unknown, currency: unknown): string | null {
  const n = Number(amount)
  if (!Number.isFinite(n) || !str(currency)) return null
  try {
    return new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: String(currency).toUpperCase(),
    }).format(n)
  } catch {
    return `${n.toFixed(2)} ${String(currency).toUpperCase()}`
  }
}

/** "Medusa T-Shirt · L", or the SKU when the variant has no title. */
export function variantName(v: {
  title?: unknown
  sku?: unknown
  product?: { title?: unknown } | null
}): string | null {
  const product = str(v.product?.title)
  const variant = str(v.title) ?? str(v.sku)
  if (product && variant && variant !== product)
    return `${product} · ${variant}`
  return product ?? variant
}

/** Medusa's records, by id prefix. */
export const KINDS: Record<string, Kind> = {
  order: {
    entity: "order",
    fields: ["id", "display_id"],
    label: (r) => (r.display_id != null ? `#${r.display_id}` : null),
    href: (r) => `/orders/${r.id}`,
  },
  cus: {
    entity: "customer",
    fields: ["id", "email", "first_name", "last_name"],
    label: (r) =>
      str(r.email) ??
      (`${str(r.first_name) ?? ""} ${str(r.last_name) ?? ""}`.trim() || null),
    href: (r) => `/customers/${r.id}`,
  },
  variant: {
    entity: "product_variant",
    fields: ["id", "title", "sku", "product_id", "product.title"],
    label: (r) => variantName(r as Parameters<typeof variantName>[0]),
    href: (r) =>
      r.product_id ? `/products/${r.product_id}/variants/${r.id}` : null,
  },
  prod: {
    entity: "product",
    fields: ["id", "title"],
    label: (r) => str(r.title),
    href: (r) => `/products/${r.id}`,
  },
  iitem: {
    entity: "inventory_item",
    fields: [
      "id",
      "title",
      "sku",
      "variants.id",
      "variants.title",
      "variants.sku",
      "variants.product.title",
    ],
    label: (r) => {
      const [variant] = (r.variants as Row[] | undefined) ?? []
      return (
        (variant &&
          variantName(variant as Parameters<typeof variantName>[0])) ??
        str(r.title) ??
        str(r.sku)
      )
    },
    href: (r) => `/inventory/${r.id}`,
  },
  ful: {
    entity: "fulfillment",
    fields: ["id", "order.id", "order.display_id"],
    label: (r) => {
      const order = r.order as Row | null | undefined
      return order?.display_id != null
        ? `fulfillment of order #${order.display_id}`
        : "a fulfillment"
    },
    href: (r) => {
      const order = r.order as Row | null | undefined
      return order?.id ? `/orders/${order.id}` : null
    },
  },
  sloc: {
    entity: "stock_location",
    fields: ["id", "name"],
    label: (r) => str(r.name),
    href: (r) => `/settings/locations/${r.id}`,
  },
  user: {
    entity: "user",
    fields: ["id", "email", "first_name", "last_name"],
    label: (r) => str(r.email),
    href: (r) => `/settings/users/${r.id}`,
  },
  apk: {
    entity: "api_key",
    fields: ["id", "title", "type"],
    label: (r) => (str(r.title) ? `API key "${str(r.title)}"` : "an API key"),
    href: (r) =>
      r.type === "publishable"
        ? `/settings/publishable-api-keys/${r.id}`
        : `/settings/secret-api-keys/${r.id}`,
  },
  cart: {
    entity: "cart",
    fields: ["id", "email", "customer_id"],
    label: (r) => (str(r.email) ? `cart of ${str(r.email)}` : "a guest cart"),
    href: (r) => (r.customer_id ? `/customers/${r.customer_id}` : null),
  },
  payses: {
    entity: "payment_session",
    fields: ["id", "amount", "currency_code"],
    label: (r) => {
      const m = money(r.amount, r.currency_code)
      return m ? `payment of ${m}` : "a payment"
    },
    href: () => null,
  },
  pay: {
    entity: "payment",
    fields: ["id", "amount", "currency_code"],
    label: (r) => {
      const m = money(r.amount, r.currency_code)
      return m ? `payment of ${m}` : "a payment"
    },
    href: () => null,
  },
  resitem: {
    entity: "reservation",
    fields: ["id", "inventory_item_id", "location_id", "quantity"],
    // Named in a second pass, after its item and location.
    label: () => null,
    href: () => null,
  },
}
