import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { now } from "../../runtime/clock"
import { forEachBatch, keysetAfter } from "../../runtime/batching"
import { autopilotService, loadEffectiveSetting } from "../../runtime/settings"
import type { RunContext } from "../../runtime/types"
import { sendNow } from "./apply"
import type { ShipmentTrackingOptions } from "./options"
import { settleShipment } from "./settle"
import { saveTrackedShipmentsWorkflow } from "../../workflows/tracking/workflows/save-tracked-shipments"
import { startShipmentTrackingWorkflow } from "../../workflows/tracking/workflows/start-shipment-tracking"

const DAY = 86_400_000

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

/**
 * Shipped fulfillments with labels that no tracked shipment follows (the
 * `shipment.created` event was missed, or they shipped before the plugin):
 * started here, in keyset batches, only within `max_tracking_days`.
 */
export async function backfill(
  ctx: RunContext,
  options: ShipmentTrackingOptions
) {
  const query = ctx.container.resolve(ContainerRegistrationKeys.QUERY)
  const service = autopilotService(ctx.container)
  const cutoff = new Date(ctx.now().getTime() - options.max_tracking_days * DAY)
  const recent = new Date(ctx.now().getTime() - DAY)
  type Row = {
    id: string
    shipped_at: string | Date
    labels?: { id: string }[]
  }
  await forEachBatch<Row, { shipped_at: Date; id: string }>(ctx, {
    batchSize: options.batch_size,
    cursorOf: (r) => ({ shipped_at: new Date(r.shipped_at), id: r.id }),
    fetch: async (cursor, limit) => {
      const { data } = await query.graph({
        entity: "fulfillment",
        fields: ["id", "shipped_at", "labels.id"],
        filters: {
          delivered_at: null,
          canceled_at: null,
          ...keysetAfter("shipped_at", cursor, { $gte: cutoff }),
        } as Record<string, unknown>,
        pagination: { take: limit, order: { shipped_at: "ASC", id: "ASC" } },
      })
      return data as Row[]
    },
    handle: async (rows) => {
      const labelled = rows.filter((r) => r.labels?.length)
      if (!labelled.length) return
      const followed = await service.listTrackedShipments(
        { fulfillment_id: labelled.map((r) => r.id) },
        { select: ["fulfillment_id"], take: null }
      )
      const known = new Set(followed.map((f) => f.fulfillment_id))
      const missing = labelled.filter((r) => !known.has(r.id))
      if (!missing.length) return
      if (ctx.dryRun) {
        missing.forEach((r) => ctx.changed("start", r.id))
        return
      }
      const { result } = await startShipmentTrackingWorkflow(ctx.container).run(
        {
          input: {
            fulfillment_ids: missing.map((r) => r.id),
            routing: options.routing,
            default_provider: options.default_provider,
            now: ctx.now().toISOString(),
          },
        }
      )
      // The customer heard of an old shipment long ago: no late "shipped".
      const old = result.filter((s) => new Date(s.started_at) < recent)
      if (old.length) {
        await saveTrackedShipmentsWorkflow(ctx.container).run({
          input: {
            updates: old.map((s) => ({
              id: s.id,
              notified: { shipped: "skipped:backfill" },
            })),
          },
        })
      }
      result.forEach((s) => ctx.changed("start", s.id))
    },
  })
}
