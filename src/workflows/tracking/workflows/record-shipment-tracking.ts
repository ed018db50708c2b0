import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { AutopilotEvents } from "../../../runtime/events"
import {
  recordShipmentUpdateStep,
  type RecordShipmentUpdateStepInput,
} from "../steps/record-shipment-update"

export type RecordShipmentTrackingWorkflowInput = RecordShipmentUpdateStepInput

export const recordShipmentTrackingWorkflowId = "record-shipment-tracking"

/**
 * Records what carriers said about parcels (poll answers or a verified
 * webhook), forward-only: an older, out-of-order or replayed event never
 * moves the shipment back. Messages and the delivered mark follow from the
 * shipment's state afterwards (see `settleShipment`). Emits
 * `autopilot.shipment.status_changed` for each parcel whose status moved.
 *
 * @example
 * await recordShipmentTrackingWorkflow(container).run({
 *   input: { updates: [{ shipment_id: "apship_1", events }], source: "webhook", now, quiet_hours },
 * })
 */
export const recordShipmentTrackingWorkflow = createWorkflow(
  recordShipmentTrackingWorkflowId,
  (input: RecordShipmentTrackingWorkflowInput) => {
    const outcomes = recordShipmentUpdateStep(input)
    const moved = transform({ outcomes, input }, ({ outcomes, input }) =>
      outcomes
        .filter((o) => o.status !== o.previous_status)
        .map((o) => ({
          id: o.shipment_id,
          order_id: o.order_id,
          fulfillment_id: o.fulfillment_id,
          tracking_number: o.tracking_number,
          carrier: o.carrier,
          from: o.previous_status,
          to: o.status,
          source: input.source,
        }))
    )
    emitEventStep({
      eventName: AutopilotEvents.SHIPMENT_STATUS_CHANGED,
      data: moved,
    })
    return new WorkflowResponse(outcomes)
  }
)
