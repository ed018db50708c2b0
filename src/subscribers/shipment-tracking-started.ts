import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { FulfillmentWorkflowEvents } from "@medusajs/framework/utils"
import { startTrackingFulfillment } from "../features/shipment-tracking/start"

/** A fulfillment shipped (`{ id: fulfillment_id, no_notification }`): follow its parcels. */
export default async function shipmentTrackingStarted({
  event,
  container,
}: SubscriberArgs<{ id: string; no_notification?: boolean }>) {
  if (event.data?.id) {
    await startTrackingFulfillment(
      container,
      event.data.id,
      event.data.no_notification
    )
  }
}

export const config: SubscriberConfig = {
  event: FulfillmentWorkflowEvents.SHIPMENT_CREATED,
  context: { subscriberId: "autopilot-shipment-tracking-started" },
}
