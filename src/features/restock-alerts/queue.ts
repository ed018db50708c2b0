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
 * stock events cost one indexed lookup each. Two statements for any
 * number of variants: one read of who waits, one insert that leaves
 * variants queued already (also by another event at the same moment) as
 * they are. Returns how many were queued now.
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
  return (await service.queueRestockVariants(wanted, reason)).length
}
