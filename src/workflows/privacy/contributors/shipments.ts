import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { autopilotService } from "../../../runtime/settings"
import type { PrivacyContributor } from "./types"

/** Every message the plugin sends carries this trigger type (see runtime/notifier.ts). */
const PLUGIN_TRIGGER = "medusa-plugin-autopilot"

/**
 * The person's orders in Medusa. The plugin's shipment rows hold no email:
 * they belong to a person through the order they were shipped for.
 */
async function orderIdsOf(
  container: Parameters<PrivacyContributor["collect"]>[0],
  email: string
): Promise<string[]> {
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({ entity: "order", fields: ["id"], filters: { email } })
  return (data as { id: string }[]).map((o) => o.id)
}

async function shipmentsOf(
  container: Parameters<PrivacyContributor["collect"]>[0],
  email: string
) {
  const orderIds = await orderIdsOf(container, email)
  if (!orderIds.length) return []
  return autopilotService(container).listTrackedShipments(
    { order_id: orderIds },
    { take: null, order: { created_at: "ASC" } }
  )
}

/**
 * Shipment tracking: the parcels followed for the person's orders, their
 * carrier checkpoints (messages and places on the way to the person), and
 * the merchant's alerts about them, whose data names the customer's email
 * (the customer's own messages are in the notifications section).
 * Erasure clears the checkpoints' messages and places and the carrier's
 * last message, and stops further messages to the person about these
 * parcels; the statuses stay, so the shop's figures hold and nothing is
 * sent twice. Medusa's order keeps its email: that is the shop's data.
 */
export const shipmentsContributor: PrivacyContributor = {
  domain: "shipments",

  async collect(container, { email }) {
    const shipments = await shipmentsOf(container, email)
    if (!shipments.length) {
      return {
        autopilot_tracked_shipment: [],
        autopilot_shipment_event: [],
        notification: [],
      }
    }
    const [events, alerts] = await Promise.all([
      autopilotService(container).listShipmentEvents(
        { shipment_id: shipments.map((s) => s.id) },
        { take: null, order: { occurred_at: "ASC" } }
      ),
      container.resolve(Modules.NOTIFICATION).listNotifications(
        {
          trigger_type: PLUGIN_TRIGGER,
          template: "autopilot.merchant.shipment_problem",
          resource_id: [
            ...new Set(shipments.map((s) => s.order_id).filter(Boolean)),
          ] as string[],
        },
        {
          take: null,
          select: ["id", "template", "status", "resource_id", "created_at"],
          order: { created_at: "ASC" },
        }
      ),
    ])
    return {
      autopilot_tracked_shipment: shipments,
      autopilot_shipment_event: events,
      notification: alerts,
    }
  },

  async erase(container, { email }) {
    const service = autopilotService(container)
    const shipments = await shipmentsOf(container, email)
    // Only rows still holding something: a second erasure finds nothing.
    const toQuiet = shipments.filter((s) => !s.no_notification || s.raw_message)
    const events = shipments.length
      ? (
          await service.listShipmentEvents(
            { shipment_id: shipments.map((s) => s.id) },
            { take: null, select: ["id", "message", "location"] }
          )
        ).filter((e) => e.message !== null || e.location !== null)
      : []
    if (toQuiet.length) {
      await service.updateTrackedShipments({
        selector: { id: toQuiet.map((s) => s.id) },
        data: { raw_message: null, no_notification: true },
      })
    }
    if (events.length) {
      await service.updateShipmentEvents({
        selector: { id: events.map((e) => e.id) },
        data: { message: null, location: null },
      })
    }
    return {
      autopilot_tracked_shipment: toQuiet.length,
      autopilot_shipment_event: events.length,
    }
  },
}
