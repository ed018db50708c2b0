import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import { markOrderFulfillmentAsDeliveredWorkflow } from "@medusajs/medusa/core-flows"
import { merchantTo } from "../../runtime/merchant-webhooks"
import { autopilotService } from "../../runtime/settings"
import { safeHttpUrl } from "../../types/urls"
import type { NotifyInput } from "../../runtime/types"
import {
  deliveryAction,
  type Due,
  type MessageStep,
  messagesFor,
  settledWrites,
  type ShipmentFacts,
  type ShipmentWrite,
  whatIsDue,
} from "./decide"
import type { ShipmentTrackingOptions } from "./options"
import { type FulfillmentInfo, loadContexts, type OrderInfo } from "./context"
import { addTrackingLinks } from "./tracking-page"
import { saveTrackedShipmentsWorkflow } from "../../workflows/tracking/workflows/save-tracked-shipments"

type Shipment = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["retrieveTrackedShipment"]>
>

export type SettleEnv = {
  options: ShipmentTrackingOptions
  /** Sends one message; true when it went out (or had gone out before). */
  send: (input: NotifyInput) => Promise<boolean>
  /** Sends many at once (a job run's batches), one answer per message. */
  sendAll?: (inputs: NotifyInput[]) => Promise<boolean[]>
  now: Date
  dryRun?: boolean
  /** Reports what was (or on a dry run would be) done. */
  changed?: (action: string, id: string) => void
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
  const lines = new Map((order?.items ?? []).map((l) => [l.id, l]))
  return {
    order_id: order?.id ?? shipment.order_id,
    order_display_id: order?.display_id ?? null,
    locale: order?.locale ?? null,
    items: (fulfillment?.items ?? []).map((i) => {
      const line = i.line_item_id ? lines.get(i.line_item_id) : undefined
      return {
        title: i.title,
        // Named as the shopper knows it: the product, then the variant.
        product_title: line?.product_title ?? null,
        variant_title: line?.variant_title ?? i.title,
        sku: i.sku,
        quantity: Number(i.quantity),
        thumbnail: line?.thumbnail ?? null,
      }
    }),
    provider: shipment.provider,
    carrier: shipment.carrier,
    tracking_number: shipment.tracking_number,
    // Only an http(s) link goes into a message (a label's URL is stored as
    // given): a template would make a `javascript:` one a live link.
    tracking_url: safeHttpUrl(shipment.tracking_url),
    status: shipment.status,
    status_message: shipment.raw_message,
    /** The carrier's delivery estimate (ISO), null when it gave none or once delivered. */
    estimated_delivery:
      shipment.estimated_delivery_at && shipment.status !== "delivered"
        ? new Date(shipment.estimated_delivery_at).toISOString()
        : null,
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
 * - the merchant's alert for an exception or a return to the sender, and
 *   the late-parcel alert once per lateness episode (see `lateness.ts`);
 * - marking the fulfillment delivered in Medusa (through
 *   `markOrderFulfillmentAsDeliveredWorkflow`) when all its parcels are.
 *
 * Every message is keyed (`shipment:<id>:<status>`), so a repeat (a crash,
 * two instances) never sends one twice. What did not go through stays
 * pending for the job's next run. Throws when it could not settle it.
 */
export async function settleShipment(
  container: MedusaContainer,
  shipmentId: string,
  env: SettleEnv
): Promise<void> {
  const failed = await settleShipments(container, [shipmentId], env)
  const error = failed.get(shipmentId)
  if (error) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, error)
}

/**
 * Sends messages through `sendAll` when the environment has it (one call,
 * which batches), else one by one. A key listed twice (the order's
 * `all_delivered` when two of its parcels arrive together) goes out once;
 * both answers are its answer.
 */
async function sendMessages(
  env: SettleEnv,
  messages: NotifyInput[]
): Promise<Map<NotifyInput, boolean>> {
  const first = new Map<string, NotifyInput>()
  for (const m of messages) {
    if (!first.has(m.idempotencyKey)) first.set(m.idempotencyKey, m)
  }
  const unique = [...first.values()]
  const answers = env.sendAll
    ? unique.length
      ? await env.sendAll(unique)
      : []
    : await unique.reduce<Promise<boolean[]>>(
        async (done, m) => [...(await done), await env.send(m)],
        Promise.resolve([])
      )
  const byKey = new Map(unique.map((m, n) => [m.idempotencyKey, answers[n]]))
  return new Map(messages.map((m) => [m, !!byKey.get(m.idempotencyKey)]))
}

/**
 * {@link settleShipment} for a group of shipments: one read of the
 * shipments, one read each of their fulfillments, orders and order parcels,
 * one write of every shipment's messages and marks. Messages go out and
 * fulfillments are marked delivered per shipment, in order; a shipment
 * that fails there is left out of the write and reported, with its reason,
 * in the map returned (the others go on).
 */
export async function settleShipments(
  container: MedusaContainer,
  shipmentIds: string[],
  env: SettleEnv
): Promise<Map<string, string>> {
  const failed = new Map<string, string>()
  const reason = (e: unknown) => (e as Error)?.message || String(e)
  const service = autopilotService(container)
  const ids = [...new Set(shipmentIds)]
  const shipments = await service.listTrackedShipments(
    { id: ids },
    { take: null }
  )
  const writes: ShipmentWrite[] = []
  const work: {
    shipment: Shipment
    facts: ShipmentFacts
    due: Extract<Due, { kind: "settle" }>
  }[] = []
  for (const shipment of shipments) {
    const facts: ShipmentFacts = {
      ...shipment,
      notified: { ...((shipment.notified ?? {}) as Record<string, string>) },
    }
    const due = whatIsDue(facts)
    if (due.kind === "settle") work.push({ shipment, facts, due })
    else if (due.clear_pending) {
      writes.push({ id: shipment.id, notify_pending: false })
    }
  }
  if (work.length) {
    const contextOf = await loadContexts(
      container,
      work.map((w) => w.shipment)
    )
    // "": webhooks only (see `merchantWebhooks`); null: no alert goes out.
    const merchantEmail = work.some(
      (w) => w.due.merchant || w.due.merchant_late
    )
      ? merchantTo(await service.getOptions())
      : null
    // 1. Each parcel's messages (with the tracking page's link).
    const planned: {
      item: (typeof work)[number]
      steps: MessageStep[]
    }[] = []
    for (const item of work) {
      try {
        const { order, fulfillment, parcels } = contextOf(item.shipment)
        const steps = messagesFor(item.facts, item.due, {
          order,
          data: shipmentMessageData(item.shipment, order, fulfillment, parcels),
          merchant_email: merchantEmail,
          options: env.options,
        })
        await addTrackingLinks(
          container,
          item.shipment,
          env.options,
          steps,
          env.dryRun
        )
        planned.push({ item, steps })
      } catch (e) {
        failed.set(item.shipment.id, reason(e))
      }
    }
    // 2. Every message of the group, in batches when the run can.
    const sent = await sendMessages(
      env,
      planned.flatMap(({ steps }) =>
        steps.flatMap((step) => (step.kind === "send" ? [step.message] : []))
      )
    )
    // 3. Per parcel: what went out, the delivered mark, what to write.
    const stamp = env.now.toISOString()
    const marked = new Set<string>()
    for (const { item, steps } of planned) {
      const { shipment, facts, due } = item
      try {
        const { fulfillment, parcels } = contextOf(shipment)
        const notified = facts.notified
        let allSent = true
        for (const step of steps) {
          if (step.kind === "skip") notified[step.key] = "skipped"
          else if (sent.get(step.message)) notified[step.key] = stamp
          else allSent = false
        }
        let deliveredMark: Date | null = null
        if (due.mark_delivered) {
          // A sibling parcel of this group marked the fulfillment already.
          deliveredMark = marked.has(shipment.fulfillment_id)
            ? env.now
            : await markDelivered(container, shipment, fulfillment, env)
          if (deliveredMark) marked.add(shipment.fulfillment_id)
        }
        writes.push(
          ...settledWrites(facts, parcels, notified, allSent, deliveredMark)
        )
      } catch (e) {
        failed.set(shipment.id, reason(e))
      }
    }
  }
  if (env.dryRun || !writes.length) return failed
  try {
    await saveTrackedShipmentsWorkflow(container).run({
      input: { updates: writes },
    })
  } catch (e) {
    for (const id of ids) if (!failed.has(id)) failed.set(id, reason(e))
  }
  return failed
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
  const action = deliveryAction(
    siblings.map((p) => p.status),
    fulfillment?.delivered_at,
    shipment.order_id
  )
  if (action === "wait") return null
  if (action === "record") return env.now
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
