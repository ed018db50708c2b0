import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { recordCartOrderWorkflow } from "../workflows/carts/workflows/record-cart-order"

/** An order was placed: its cart is completed, and a reminded cart's lead is recovered. */
export default async function cartOrderPlaced({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const id = event.data?.id
  if (!id) return
  await recordCartOrderWorkflow(container).run({ input: { order_id: id } })
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.PLACED,
  context: { subscriberId: "autopilot-cart-order-placed" },
}
