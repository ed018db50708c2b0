import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CartWorkflowEvents } from "@medusajs/framework/utils"
import { recordCartActivityFeed } from "../workflows/carts/utils/activity-feed"

/**
 * The cart activity feed: any change to a cart rewrites its row in the
 * plugin's indexed table, so the cart jobs never scan Medusa's cart table.
 * This runs on the process serving the storefront, so it is one statement
 * per batch of changed carts (see `recordCartActivityFeed`).
 * (`cart.customer_updated` is listened to for completeness; Medusa 2.21
 * emits `cart.updated` for that change.)
 */
export default async function cartActivity({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const id = event.data?.id
  if (!id) return
  await recordCartActivityFeed(container, id)
}

export const config: SubscriberConfig = {
  event: [
    CartWorkflowEvents.CREATED,
    CartWorkflowEvents.UPDATED,
    CartWorkflowEvents.CUSTOMER_UPDATED,
    CartWorkflowEvents.REGION_UPDATED,
    CartWorkflowEvents.CUSTOMER_TRANSFERRED,
  ],
  context: { subscriberId: "autopilot-cart-activity" },
}
