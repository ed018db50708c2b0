import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { recordRestockConversions } from "../features/restock-alerts/conversion"

/** An order by an alerted shopper with the variant they waited for: a conversion. */
export default async function restockOrderPlaced({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  if (event.data?.id) await recordRestockConversions(container, event.data.id)
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.PLACED,
  context: { subscriberId: "autopilot-restock-order-placed" },
}
