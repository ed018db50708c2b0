import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { autopilotService } from "../../runtime/settings"

/** The variants that use these inventory items (a kit uses several). */
export async function variantsOfInventoryItems(
  container: MedusaContainer,
  inventoryItemIds: string[]
): Promise<string[]> {
  if (!inventoryItemIds.length) return []
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "product_variant_inventory_item",
      fields: ["variant_id"],
      filters: { inventory_item_id: inventoryItemIds },
    })
  return [
    ...new Set((data as { variant_id: string }[]).map((r) => r.variant_id)),
  ]
}

/**
 * Queues variants whose availability may have changed for the next
 * restock-alerts run — only those with shoppers waiting, so a busy shop's
 * stock events cost one indexed lookup each.
 */
export async function queueRestockCheck(
  container: MedusaContainer,
  variantIds: string[],
  reason: string
): Promise<number> {
  if (!variantIds.length) return 0
  const service = autopilotService(container)
  const waiting = await service.restockWaiting(variantIds)
  const wanted = [...new Set(waiting.map((s) => s.variant_id))]
  if (!wanted.length) return 0
  const queued = await service.listRestockQueues(
    { variant_id: wanted },
    { select: ["variant_id"], take: null }
  )
  const known = new Set(queued.map((q) => q.variant_id))
  const fresh = wanted.filter((v) => !known.has(v))
  if (!fresh.length) return 0
  try {
    await service.createRestockQueues(
      fresh.map((variant_id) => ({ variant_id, reason }))
    )
    return fresh.length
  } catch {
    // Another event queued some of them at the same moment (the unique index
    // keeps one row per variant): queue the rest one by one.
    let added = 0
    for (const variant_id of fresh) {
      const row = await service
        .createRestockQueues({ variant_id, reason })
        .catch(() => null)
      if (row) added += 1
    }
    return added
  }
}
