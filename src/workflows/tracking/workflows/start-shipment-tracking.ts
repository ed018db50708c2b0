import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  type ProviderName,
  type RoutingRule,
  routeShipment,
} from "../../../carriers"
import {
  createTrackedShipmentsStep,
  type NewTrackedShipment,
} from "../steps/create-tracked-shipments"

export type StartShipmentTrackingWorkflowInput = {
  fulfillment_ids: string[]
  /** From `shipment.created`: the merchant asked not to tell the customer. */
  no_notification?: boolean
  routing: RoutingRule[]
  default_provider?: ProviderName
  /** Now, for the first check (the clock tests control). */
  now: string
}

type FulfillmentRow = {
  id: string
  shipped_at: string | Date | null
  canceled_at: string | Date | null
  provider_id: string | null
  shipping_option_id: string | null
  labels?: {
    id: string
    tracking_number: string
    tracking_url: string | null
  }[]
  order?: { id: string; no_notification?: boolean | null } | null
}

export const startShipmentTrackingWorkflowId = "start-shipment-tracking"

/**
 * Starts following the parcels of shipped fulfillments: one tracked
 * shipment per label, at the provider the routing rules choose (shipping
 * option, fulfillment provider, tracking-number pattern, else the default).
 * A label no rule routes, a fulfillment not shipped or canceled, and a label
 * already followed are skipped. `no_notification` (from the event, or the
 * order's own flag) is kept: that customer gets no tracking messages.
 *
 * @example
 * await startShipmentTrackingWorkflow(container).run({
 *   input: { fulfillment_ids: ["ful_1"], routing: [], default_provider: "aftership", now },
 * })
 */
export const startShipmentTrackingWorkflow = createWorkflow(
  startShipmentTrackingWorkflowId,
  (input: StartShipmentTrackingWorkflowInput) => {
    const { data: fulfillments } = useQueryGraphStep({
      entity: "fulfillment",
      fields: [
        "id",
        "shipped_at",
        "canceled_at",
        "provider_id",
        "shipping_option_id",
        "labels.id",
        "labels.tracking_number",
        "labels.tracking_url",
        "order.id",
        "order.no_notification",
      ],
      filters: { id: input.fulfillment_ids },
    })
    const shipments = transform(
      { fulfillments, input },
      ({ fulfillments, input }) => {
        const rows: NewTrackedShipment[] = []
        for (const f of fulfillments as unknown as FulfillmentRow[]) {
          if (!f.shipped_at || f.canceled_at) continue
          for (const label of f.labels ?? []) {
            const number = label.tracking_number?.trim()
            if (!number) continue
            const route = routeShipment(
              {
                tracking_number: number,
                shipping_option_id: f.shipping_option_id,
                fulfillment_provider_id: f.provider_id,
              },
              input.routing,
              input.default_provider
            )
            if (!route) continue
            rows.push({
              provider: route.provider,
              tracking_number: number,
              carrier: route.carrier,
              tracking_url: label.tracking_url || null,
              fulfillment_id: f.id,
              label_id: label.id,
              order_id: f.order?.id ?? null,
              started_at: new Date(f.shipped_at),
              // The first look at the carrier is due at once.
              next_check_at: input.now,
              no_notification:
                !!input.no_notification || !!f.order?.no_notification,
            })
          }
        }
        return { shipments: rows }
      }
    )
    const created = createTrackedShipmentsStep(shipments)
    return new WorkflowResponse(created)
  }
)
