import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { markOrderFulfillmentAsDeliveredWorkflow } from "@medusajs/medusa/core-flows"
import type { NotificationName } from "../../catalog/notifications"
import { autopilotService } from "../../runtime/settings"
import type { NotifyInput } from "../../runtime/types"
import type { ShipmentTrackingOptions } from "./options"
import { saveTrackedShipmentsWorkflow } from "../../workflows/tracking/workflows/save-tracked-shipments"

type Shipment = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["retrieveTrackedShipment"]>
>

export type SettleEnv = {
  options: ShipmentTrackingOptions
  /** Sends one message; true when it went out (or had gone out before). */
  send: (input: NotifyInput) => Promise<boolean>
  now: Date
  dryRun?: boolean
  /** Reports what was (or on a dry run would be) done. */
  changed?: (action: string, id: string) => void
}

/** Customer message per status; `shipped` is sent when tracking starts. */
const CUSTOMER_TEMPLATES: Record<string, NotificationName> = {
  shipped: "autopilot.shipment.shipped",
  out_for_delivery: "autopilot.shipment.out_for_delivery",
  delivered: "autopilot.shipment.delivered",
  attempt_failed: "autopilot.shipment.problem",
  exception: "autopilot.shipment.problem",
}
const MERCHANT_STATUSES = ["exception", "returned_to_sender"]

type OrderInfo = {
  id: string
  display_id: number | null
  email: string | null
  customer_id: string | null
}
type FulfillmentInfo = {
  id: string
  delivered_at: string | Date | null
  items?: { title: string; sku: string | null; quantity: number }[]
}

async function loadContext(container: MedusaContainer, shipment: Shipment) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const service = autopilotService(container)
  const [{ data: fulfillments }, { data: orders }, parcels] = await Promise.all(
    [
      query.graph({
        entity: "fulfillment",
        fields: [
          "id",
          "delivered_at",
          "items.title",
          "items.sku",
          "items.quantity",
        ],
        filters: { id: shipment.fulfillment_id },
      }),
      shipment.order_id
        ? query.graph({
            entity: "order",
            fields: ["id", "display_id", "email", "customer_id"],
            filters: { id: shipment.order_id },
          })
        : Promise.resolve({ data: [] }),
      shipment.order_id
        ? service.listTrackedShipments(
            { order_id: shipment.order_id },
            { order: { created_at: "ASC", id: "ASC" }, take: null }
          )
        : Promise.resolve([shipment]),
    ]
  )
  return {
    fulfillment: (fulfillments[0] ?? null) as FulfillmentInfo | null,
    order: (orders[0] ?? null) as OrderInfo | null,
    parcels,
  }
}

/** What a message about one parcel says: order, items, carrier, tracking link, parcels so far. */
export function shipmentMessageData(
  shipment: Shipment,
  order: OrderInfo | null,
  fulfillment: FulfillmentInfo | null,
  parcels: Shipment[]
) {
  const total = parcels.length || 1
  const delivered = parcels.filter((p) => p.status === "delivered").length
  const index = parcels.findIndex((p) => p.id === shipment.id) + 1 || 1
  return {
    order_id: order?.id ?? shipment.order_id,
    order_display_id: order?.display_id ?? null,
    items: (fulfillment?.items ?? []).map((i) => ({
      title: i.title,
      sku: i.sku,
      quantity: Number(i.quantity),
    })),
    provider: shipment.provider,
    carrier: shipment.carrier,
    tracking_number: shipment.tracking_number,
    tracking_url: shipment.tracking_url,
    status: shipment.status,
    status_message: shipment.raw_message,
    parcel: { index, total },
    parcels: {
      total,
      delivered,
      summary: `${delivered} of ${total} delivered`,
    },
    all_delivered: delivered === total,
  }
}

/**
 * Brings a shipment's side effects up to date with its status, once each:
 *
 * - the customer's messages — shipped (when tracking started), out for
 *   delivery, delivered, a failed attempt or exception — unless the shipment
 *   was created with `no_notification` or `notify_customer` is off; an order
 *   with several parcels gets one `all_delivered` message when the last
 *   arrives;
 * - the merchant's alert for an exception or a return to the sender;
 * - marking the fulfillment delivered in Medusa (through
 *   `markOrderFulfillmentAsDeliveredWorkflow`) when all its parcels are.
 *
 * Every message is keyed (`shipment:<id>:<status>`), so a repeat (a crash,
 * two instances) never sends one twice. What did not go through stays
 * pending for the job's next run.
 */
export async function settleShipment(
  container: MedusaContainer,
  shipmentId: string,
  env: SettleEnv
): Promise<void> {
  const service = autopilotService(container)
  const shipment = await service.retrieveTrackedShipment(shipmentId)
  const notified = { ...((shipment.notified ?? {}) as Record<string, string>) }
  const status = shipment.status
  const kinds: string[] = []
  if (!notified.shipped) kinds.push("shipped")
  if (CUSTOMER_TEMPLATES[status] && !notified[status]) kinds.push(status)
  const merchantKind = `merchant:${status}`
  const needsMerchant =
    MERCHANT_STATUSES.includes(status) && !notified[merchantKind]
  const needsDelivered = status === "delivered" && !shipment.delivered_marked_at
  if (!kinds.length && !needsMerchant && !needsDelivered) {
    if (shipment.notify_pending && !env.dryRun) {
      await saveTrackedShipmentsWorkflow(container).run({
        input: { updates: [{ id: shipment.id, notify_pending: false }] },
      })
    }
    return
  }

  const { order, fulfillment, parcels } = await loadContext(container, shipment)
  const data = shipmentMessageData(shipment, order, fulfillment, parcels)
  const stamp = env.now.toISOString()
  let allSent = true
  const customerAllowed =
    env.options.notify_customer && !shipment.no_notification && !!order?.email

  for (const kind of kinds) {
    if (!customerAllowed) {
      notified[kind] = "skipped"
      continue
    }
    const sent = await env.send({
      name: CUSTOMER_TEMPLATES[kind],
      to: order!.email!,
      idempotencyKey: `shipment:${shipment.id}:${kind}`,
      itemId: shipment.id,
      resourceId: shipment.order_id ?? shipment.fulfillment_id,
      resourceType: shipment.order_id ? "order" : "fulfillment",
      receiverId: order!.customer_id ?? undefined,
      data: { ...data, ...(kind === "shipped" ? {} : { problem: kind }) },
    })
    if (sent) notified[kind] = stamp
    else allSent = false
  }
  if (
    status === "delivered" &&
    data.parcels.total > 1 &&
    data.all_delivered &&
    customerAllowed &&
    !notified.all_delivered
  ) {
    // Keyed on the order: whichever parcel arrives last, one message.
    const sent = await env.send({
      name: "autopilot.shipment.all_delivered",
      to: order!.email!,
      idempotencyKey: `order:${shipment.order_id}:all_delivered`,
      itemId: shipment.id,
      resourceId: shipment.order_id ?? undefined,
      resourceType: "order",
      receiverId: order!.customer_id ?? undefined,
      data,
    })
    if (sent) notified.all_delivered = stamp
    else allSent = false
  }
  if (needsMerchant) {
    const { merchantEmail } = await service.getOptions()
    if (!env.options.notify_merchant || !merchantEmail) {
      notified[merchantKind] = "skipped"
    } else {
      const sent = await env.send({
        name: "autopilot.merchant.shipment_problem",
        to: merchantEmail,
        idempotencyKey: `shipment:${shipment.id}:${status}:merchant`,
        itemId: shipment.id,
        resourceId: shipment.order_id ?? undefined,
        resourceType: "order",
        data: {
          ...data,
          subject:
            status === "returned_to_sender"
              ? `A parcel of order #${data.order_display_id ?? shipment.order_id} is going back to you`
              : `A parcel of order #${data.order_display_id ?? shipment.order_id} has a problem`,
          customer_email: order?.email ?? null,
        },
      })
      if (sent) notified[merchantKind] = stamp
      else allSent = false
    }
  }

  let deliveredMark: Date | null = null
  if (needsDelivered) {
    deliveredMark = await markDelivered(container, shipment, fulfillment, env)
  }
  if (env.dryRun) return
  const updates: ({ id: string } & Record<string, unknown>)[] = [
    { id: shipment.id, notified, notify_pending: !allSent },
  ]
  if (deliveredMark) {
    for (const p of parcels.length ? parcels : [shipment]) {
      if (p.fulfillment_id !== shipment.fulfillment_id) continue
      if (p.id === shipment.id) updates[0].delivered_marked_at = deliveredMark
      else if (!p.delivered_marked_at)
        updates.push({ id: p.id, delivered_marked_at: deliveredMark })
    }
  }
  await saveTrackedShipmentsWorkflow(container).run({ input: { updates } })
}

/**
 * Marks the fulfillment delivered in Medusa once all of its parcels are:
 * under a lock on the fulfillment, and only when Medusa has not recorded a
 * delivery already (e.g. the merchant clicked it). Returns when the mark is
 * recorded (null while parcels of it are still on the way).
 */
async function markDelivered(
  container: MedusaContainer,
  shipment: Shipment,
  fulfillment: FulfillmentInfo | null,
  env: SettleEnv
): Promise<Date | null> {
  const service = autopilotService(container)
  const siblings = await service.listTrackedShipments(
    { fulfillment_id: shipment.fulfillment_id },
    { select: ["id", "status"], take: null }
  )
  if (siblings.some((p) => p.status !== "delivered")) return null
  if (fulfillment?.delivered_at || !shipment.order_id) return env.now
  if (env.dryRun) {
    env.changed?.("mark_delivered", shipment.fulfillment_id)
    return env.now
  }
  const locking = container.resolve(Modules.LOCKING)
  await locking.execute(
    `autopilot:fulfillment:${shipment.fulfillment_id}`,
    async () => {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "fulfillment",
        fields: ["id", "delivered_at"],
        filters: { id: shipment.fulfillment_id },
      })
      if ((data[0] as FulfillmentInfo | undefined)?.delivered_at) return
      await markOrderFulfillmentAsDeliveredWorkflow(container).run({
        input: {
          orderId: shipment.order_id!,
          fulfillmentId: shipment.fulfillment_id,
          no_notification: shipment.no_notification,
        },
      })
      env.changed?.("mark_delivered", shipment.fulfillment_id)
    },
    { timeout: 10 }
  )
  return env.now
}
