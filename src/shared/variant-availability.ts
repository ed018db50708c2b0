import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  getVariantAvailability,
} from "@medusajs/framework/utils"

export type VariantInfo = {
  id: string
  title: string | null
  sku: string | null
  manage_inventory: boolean
  allow_backorder: boolean
  product: {
    id: string
    title: string
    handle: string
    thumbnail: string | null
    status: string
    sales_channels: { id: string }[]
  } | null
}

export async function loadVariants(
  container: MedusaContainer,
  variantIds: string[]
): Promise<Map<string, VariantInfo>> {
  if (!variantIds.length) return new Map()
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "product_variant",
      fields: [
        "id",
        "title",
        "sku",
        "manage_inventory",
        "allow_backorder",
        "product.id",
        "product.title",
        "product.handle",
        "product.thumbnail",
        "product.status",
        "product.sales_channels.id",
      ],
      filters: { id: variantIds },
    })
  return new Map((data as VariantInfo[]).map((v) => [v.id, v]))
}

/** Whether the variant is sold in the sales channel at all. */
export function soldIn(variant: VariantInfo, salesChannelId: string): boolean {
  return (
    variant.product?.status === "published" &&
    (variant.product.sales_channels ?? []).some((c) => c.id === salesChannelId)
  )
}

/**
 * Available quantity per variant in one sales channel, by Medusa's rules:
 * stock at the channel's locations, divided by each inventory item's
 * required quantity (`getVariantAvailability`). A variant without managed
 * inventory, or that allows backorders, can always be bought: Infinity.
 */
export async function availabilityIn(
  container: MedusaContainer,
  variants: VariantInfo[],
  salesChannelId: string
): Promise<Map<string, number>> {
  const result = new Map<string, number>()
  const managed = variants.filter(
    (v) => v.manage_inventory && !v.allow_backorder
  )
  variants
    .filter((v) => !managed.includes(v))
    .forEach((v) => result.set(v.id, Number.POSITIVE_INFINITY))
  if (managed.length) {
    const availability = await getVariantAvailability(
      container.resolve(ContainerRegistrationKeys.QUERY),
      {
        variant_ids: managed.map((v) => v.id),
        sales_channel_id: salesChannelId,
      }
    )
    for (const v of managed) {
      result.set(
        v.id,
        Math.max(0, Number(availability[v.id]?.availability ?? 0))
      )
    }
  }
  return result
}
