/** Pure settle rules of a tracked shipment (unit-tested): what is due after an update. */
import type { NotificationName } from "../../catalog/notifications"
import type { NotifyInput } from "../../runtime/types"
import {
  lateAlertKey,
  type Lateness,
} from "../../workflows/tracking/utils/lateness"

/** Customer message per status; `shipped` is sent when tracking starts. */
export const CUSTOMER_TEMPLATES: Record<string, NotificationName> = {
  shipped: "autopilot.shipment.shipped",
  out_for_delivery: "autopilot.shipment.out_for_delivery",
  delivered: "autopilot.shipment.delivered",
  attempt_failed: "autopilot.shipment.problem",
  exception: "autopilot.shipment.problem",
  running_late: "autopilot.shipment.running_late",
}
const MERCHANT_STATUSES = ["exception", "returned_to_sender"]

/** The recorded shipment, as settling reads it. */
export type ShipmentFacts = {
  id: string
  status: string
  order_id: string | null
  fulfillment_id: string
  no_notification: boolean
  notify_pending: boolean
  delivered_marked_at: string | Date | null
  /** Message kind → when it went out, or "skipped". */
  notified: Record<string, string>
  /** Late or stuck (see `./lateness`); absent reads as on time. */
  lateness?: Lateness | null
  late_since?: string | Date | null
}

export type Due =
  /** Everything is up to date; only a stale pending flag may be cleared. */
  | { kind: "idle"; clear_pending: boolean }
  | {
      kind: "settle"
      /** Customer message kinds not sent yet ("shipped" first). */
      customer: string[]
      /** The merchant's alert (`merchant:<status>`) not sent yet, or null. */
      merchant: string | null
      /** The merchant's late/stuck alert of this episode not sent yet, or null. */
      merchant_late: string | null
      /** The fulfillment must be marked delivered. */
      mark_delivered: boolean
    }

/**
 * What a shipment's status still calls for, once each: the "shipped"
 * message, the customer's message for its status, the merchant's alert for
 * an exception or a return to the sender, and the delivered mark.
 */
export function whatIsDue(shipment: ShipmentFacts): Due {
  const { notified, status } = shipment
  const customer: string[] = []
  if (!notified.shipped) customer.push("shipped")
  if (CUSTOMER_TEMPLATES[status] && !notified[status]) customer.push(status)
  const merchantKind = `merchant:${status}`
  const merchant =
    MERCHANT_STATUSES.includes(status) && !notified[merchantKind]
      ? merchantKind
      : null
  const markDelivered = status === "delivered" && !shipment.delivered_marked_at
  // Late or stuck: the customer hears once per parcel, the merchant once
  // per episode (kind and start).
  const lateKey = lateAlertKey({
    lateness: shipment.lateness ?? null,
    late_since: shipment.late_since ? new Date(shipment.late_since) : null,
  })
  if (lateKey && !notified.running_late) customer.push("running_late")
  const merchantLate = lateKey && !notified[lateKey] ? lateKey : null
  if (!customer.length && !merchant && !merchantLate && !markDelivered) {
    return { kind: "idle", clear_pending: shipment.notify_pending }
  }
  return {
    kind: "settle",
    customer,
    merchant,
    merchant_late: merchantLate,
    mark_delivered: markDelivered,
  }
}

/** What the messages of a shipment say and to whom they go. */
export type MessageFacts = {
  order: { email: string | null; customer_id: string | null } | null
  /** The message data (see `shipmentMessageData`). */
  data: {
    order_display_id: number | null
    parcels: { total: number }
    all_delivered: boolean
  } & Record<string, unknown>
  /** Only read when a merchant alert is due. */
  merchant_email: string | null
  options: {
    notify_customer: boolean
    notify_merchant: boolean
    /** The customer's "running late" message (off by default). */
    notify_customer_late?: boolean
  }
}

export type MessageStep =
  /** Recorded as "skipped": it will never go out. */
  | { kind: "skip"; key: string }
  /** Sent; recorded under `key` once it went out. */
  | { kind: "send"; key: string; message: NotifyInput }

/**
 * The messages due, in the order they go out: the customer's (skipped when
 * the shipment was created with `no_notification`, `notify_customer` is off
 * or the order has no email), one `all_delivered` per order when its last
 * parcel of several arrives, then the merchant's alert (skipped without
 * `notify_merchant` or a merchant email). Every message is keyed, so a
 * repeat never sends one twice.
 */
export function messagesFor(
  shipment: ShipmentFacts,
  due: Extract<Due, { kind: "settle" }>,
  facts: MessageFacts
): MessageStep[] {
  const { order, data, options } = facts
  const steps: MessageStep[] = []
  const email =
    options.notify_customer && !shipment.no_notification ? order?.email : null
  for (const kind of due.customer) {
    const late = kind === "running_late"
    if (!email || (late && !options.notify_customer_late)) {
      steps.push({ kind: "skip", key: kind })
      continue
    }
    steps.push({
      kind: "send",
      key: kind,
      message: {
        name: CUSTOMER_TEMPLATES[kind],
        to: email,
        idempotencyKey: `shipment:${shipment.id}:${kind}`,
        itemId: shipment.id,
        resourceId: shipment.order_id ?? shipment.fulfillment_id,
        resourceType: shipment.order_id ? "order" : "fulfillment",
        receiverId: order!.customer_id ?? undefined,
        data: {
          ...data,
          ...(kind === "shipped"
            ? {}
            : late
              ? { lateness: shipment.lateness }
              : { problem: kind }),
        },
      },
    })
  }
  if (
    shipment.status === "delivered" &&
    data.parcels.total > 1 &&
    data.all_delivered &&
    email &&
    !shipment.notified.all_delivered
  ) {
    // Keyed on the order: whichever parcel arrives last, one message.
    steps.push({
      kind: "send",
      key: "all_delivered",
      message: {
        name: "autopilot.shipment.all_delivered",
        to: email,
        idempotencyKey: `order:${shipment.order_id}:all_delivered`,
        itemId: shipment.id,
        resourceId: shipment.order_id ?? undefined,
        resourceType: "order",
        receiverId: order!.customer_id ?? undefined,
        data,
      },
    })
  }
  if (due.merchant) {
    if (!options.notify_merchant || facts.merchant_email === null) {
      steps.push({ kind: "skip", key: due.merchant })
    } else {
      const orderRef = data.order_display_id ?? shipment.order_id
      steps.push({
        kind: "send",
        key: due.merchant,
        message: {
          name: "autopilot.merchant.shipment_problem",
          to: facts.merchant_email,
          idempotencyKey: `shipment:${shipment.id}:${shipment.status}:merchant`,
          itemId: shipment.id,
          resourceId: shipment.order_id ?? undefined,
          resourceType: "order",
          data: {
            ...data,
            subject:
              shipment.status === "returned_to_sender"
                ? `A parcel of order #${orderRef} is going back to you`
                : `A parcel of order #${orderRef} has a problem`,
            customer_email: order?.email ?? null,
          },
        },
      })
    }
  }
  if (due.merchant_late) {
    if (!options.notify_merchant || facts.merchant_email === null) {
      steps.push({ kind: "skip", key: due.merchant_late })
    } else {
      const orderRef = data.order_display_id ?? shipment.order_id
      const stalled = shipment.lateness === "stalled"
      steps.push({
        kind: "send",
        key: due.merchant_late,
        message: {
          name: "autopilot.merchant.shipment_late",
          to: facts.merchant_email,
          idempotencyKey: `shipment:${shipment.id}:${due.merchant_late}`,
          itemId: shipment.id,
          resourceId: shipment.order_id ?? undefined,
          resourceType: "order",
          data: {
            ...data,
            lateness: shipment.lateness,
            late_since: shipment.late_since
              ? new Date(shipment.late_since).toISOString()
              : null,
            subject: stalled
              ? `A parcel of order #${orderRef} is stuck`
              : `A parcel of order #${orderRef} is late`,
            customer_email: order?.email ?? null,
          },
        },
      })
    }
  }
  return steps
}

/**
 * How to mark the fulfillment delivered: wait while any of its parcels is
 * still on the way; only record the mark when Medusa has a delivery already
 * (e.g. the merchant clicked it) or there is no order; otherwise mark it in
 * Medusa (under a lock, checking again there).
 */
export function deliveryAction(
  parcelStatuses: string[],
  fulfillmentDeliveredAt: string | Date | null | undefined,
  orderId: string | null
): "wait" | "record" | "mark" {
  if (parcelStatuses.some((s) => s !== "delivered")) return "wait"
  if (fulfillmentDeliveredAt || !orderId) return "record"
  return "mark"
}

export type ShipmentWrite = { id: string } & Record<string, unknown>

/**
 * What settling writes: the shipment's messages (pending while one did not
 * go through) and, once the fulfillment is marked delivered, the mark on
 * every parcel of that fulfillment that has none yet.
 */
export function settledWrites(
  shipment: ShipmentFacts,
  parcels: Pick<
    ShipmentFacts,
    "id" | "fulfillment_id" | "delivered_marked_at"
  >[],
  notified: Record<string, string>,
  allSent: boolean,
  deliveredMark: Date | null
): ShipmentWrite[] {
  const writes: ShipmentWrite[] = [
    { id: shipment.id, notified, notify_pending: !allSent },
  ]
  if (deliveredMark) {
    for (const p of parcels.length ? parcels : [shipment]) {
      if (p.fulfillment_id !== shipment.fulfillment_id) continue
      if (p.id === shipment.id) writes[0].delivered_marked_at = deliveredMark
      else if (!p.delivered_marked_at)
        writes.push({ id: p.id, delivered_marked_at: deliveredMark })
    }
  }
  return writes
}
