import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { now } from "../../runtime/clock"
import { loadEffectiveSetting } from "../../runtime/settings"
import { sendNow } from "./apply"
import type { ShipmentTrackingOptions } from "./options"
import { settleShipment } from "./settle"
import { startShipmentTrackingWorkflow } from "../../workflows/tracking/workflows/start-shipment-tracking"

/**
 * Starts following a fulfillment that just shipped (`shipment.created`) and
 * tells the customer it shipped. Does nothing while the shipment-tracking
 * job is switched off (its backfill picks the fulfillment up when it is
 * switched on). A message that fails here is sent by the job's next run.
 */
export async function startTrackingFulfillment(
  container: MedusaContainer,
  fulfillmentId: string,
  noNotification?: boolean
): Promise<string[]> {
  const setting = await loadEffectiveSetting(container, "shipment-tracking")
  if (!setting.enabled) return []
  const options = setting.options as ShipmentTrackingOptions
  const { result } = await startShipmentTrackingWorkflow(container).run({
    input: {
      fulfillment_ids: [fulfillmentId],
      no_notification: noNotification,
      routing: options.routing,
      default_provider: options.default_provider,
      now: now().toISOString(),
    },
  })
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  for (const shipment of result) {
    await settleShipment(container, shipment.id, {
      options,
      send: (input) => sendNow(container, input),
      now: now(),
    }).catch((e: Error) =>
      logger.warn(
        `autopilot: shipped message for ${shipment.id} left for the next run: ${e.message}`
      )
    )
  }
  return result.map((s) => s.id)
}
