import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import type { ProductRestockResponse } from "../types"
import { autopilotService } from "./settings"

/** Waves read per product, newest first: enough for the last one of each variant. */
const WAVES = 500

/**
 * Back-in-stock demand of every variant of one product: shoppers waiting,
 * alerted and who bought, and the last wave of alerts. The product page
 * loads the product without its variants, so they are read here, with
 * their titles and SKUs. 404 for an unknown product.
 */
export async function readProductRestock(
  container: MedusaContainer,
  productId: string
): Promise<ProductRestockResponse<Date>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: products } = await query.graph({
    entity: "product",
    fields: ["id", "variants.id", "variants.title", "variants.sku"],
    filters: { id: productId },
  })
  const product = products[0] as
    | {
        id: string
        variants: { id: string; title: string | null; sku: string | null }[]
      }
    | undefined
  if (!product) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Product ${productId} was not found`
    )
  }
  const variants = product.variants ?? []
  const ids = variants.map((v) => v.id)
  const service = autopilotService(container)
  const counts = new Map(
    (await service.restockCountsByVariant(ids)).map((c) => [c.variant_id, c])
  )
  const waves = ids.length
    ? await service.listRestockWaves(
        { variant_id: ids },
        { order: { created_at: "DESC" }, take: WAVES }
      )
    : []
  return {
    product_id: product.id,
    variants: variants.map((v) => {
      const c = counts.get(v.id)
      const wave = waves.find((w) => w.variant_id === v.id)
      return {
        variant_id: v.id,
        title: v.title,
        sku: v.sku,
        waiting: c?.waiting ?? 0,
        waiting_since: c?.waiting_since ? new Date(c.waiting_since) : null,
        alerted: c?.alerted ?? 0,
        bought: c?.bought ?? 0,
        last_wave: wave
          ? {
              at: new Date(wave.created_at),
              size: wave.size,
              sent: wave.sent,
              available: wave.available,
            }
          : null,
      }
    }),
  }
}
