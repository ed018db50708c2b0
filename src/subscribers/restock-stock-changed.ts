import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import {
  InventoryLevelWorkflowEvents,
  Modules,
  ProductVariantWorkflowEvents,
  ReservationItemWorkflowEvents,
} from "@medusajs/framework/utils"
import {
  queueRestockCheck,
  variantsOfInventoryItems,
} from "../features/restock-alerts/queue"

const LEVEL_EVENTS: string[] = Object.values(InventoryLevelWorkflowEvents)
const RESERVATION_EVENTS: string[] = Object.values(
  ReservationItemWorkflowEvents
)

/**
 * Stock changed somewhere: queue the affected variants for the
 * restock-alerts job. Reservations change availability without any
 * inventory-level event (a released reservation frees stock), and a variant
 * may stop managing inventory or start allowing backorders.
 */
export default async function restockStockChanged({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const id = event.data?.id
  if (!id) return
  const inventory = container.resolve(Modules.INVENTORY)
  let variantIds: string[] = []
  if (LEVEL_EVENTS.includes(event.name)) {
    const [level] = await inventory.listInventoryLevels(
      { id },
      { withDeleted: true }
    )
    if (level)
      variantIds = await variantsOfInventoryItems(container, [
        level.inventory_item_id,
      ])
  } else if (RESERVATION_EVENTS.includes(event.name)) {
    const [reservation] = await inventory.listReservationItems(
      { id },
      { withDeleted: true }
    )
    if (reservation) {
      variantIds = await variantsOfInventoryItems(container, [
        reservation.inventory_item_id,
      ])
    }
  } else {
    variantIds = [id]
  }
  await queueRestockCheck(container, variantIds, event.name)
}

export const config: SubscriberConfig = {
  event: [
    ...LEVEL_EVENTS,
    ...RESERVATION_EVENTS,
    ProductVariantWorkflowEvents.UPDATED,
  ],
  context: { subscriberId: "autopilot-restock-stock-changed" },
}
