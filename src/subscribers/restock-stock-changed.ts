import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { MedusaContainer } from "@medusajs/framework/types"
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

/** The variants whose availability events of one name about these ids may change. */
async function variantsOf(
  container: MedusaContainer,
  name: string,
  ids: string[]
): Promise<string[]> {
  const inventory = container.resolve(Modules.INVENTORY)
  const filter = { id: ids }
  const config = {
    withDeleted: true,
    select: ["id", "inventory_item_id"],
    take: null,
  }
  let rows: { inventory_item_id: string }[]
  if (LEVEL_EVENTS.includes(name)) {
    rows = await inventory.listInventoryLevels(filter, config)
  } else if (RESERVATION_EVENTS.includes(name)) {
    rows = await inventory.listReservationItems(filter, config)
  } else {
    return ids
  }
  return variantsOfInventoryItems(container, [
    ...new Set(rows.map((r) => r.inventory_item_id)),
  ])
}

/** Events of one name waiting to be handled together, and their outcome. */
type Pending = { ids: Set<string>; done: Promise<void> }

/** Per container (an app), per event name: the events of the current turn. */
const pending = new WeakMap<MedusaContainer, Map<string, Pending>>()

/**
 * Handles an event together with the other events of the same name that
 * arrive in the same turn of the event loop (a stock update of 1,000
 * levels emits 1,000 events at once): one read of their levels or
 * reservations, one of their variants, one queueing. Resolves (or
 * rejects) when that shared work has.
 */
function handleTogether(
  container: MedusaContainer,
  name: string,
  id: string
): Promise<void> {
  let byName = pending.get(container)
  if (!byName) pending.set(container, (byName = new Map()))
  const open = byName.get(name)
  if (open) {
    open.ids.add(id)
    return open.done
  }
  const ids = new Set([id])
  const done = new Promise<void>((resolve, reject) => {
    setImmediate(() => {
      // Later events of this name start a new group.
      if (byName.get(name)?.ids === ids) byName.delete(name)
      variantsOf(container, name, [...ids])
        .then((variantIds) => queueRestockCheck(container, variantIds, name))
        .then(() => resolve(), reject)
    })
  })
  byName.set(name, { ids, done })
  return done
}

/**
 * Stock changed somewhere: queue the affected variants for the
 * restock-alerts job. Reservations change availability without any
 * inventory-level event (a released reservation frees stock), and a variant
 * may stop managing inventory or start allowing backorders. Events that
 * arrive together are handled together.
 */
export default async function restockStockChanged({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const id = event.data?.id
  if (!id) return
  await handleTogether(container, event.name, id)
}

export const config: SubscriberConfig = {
  event: [
    ...LEVEL_EVENTS,
    ...RESERVATION_EVENTS,
    ProductVariantWorkflowEvents.UPDATED,
  ],
  context: { subscriberId: "autopilot-restock-stock-changed" },
}
