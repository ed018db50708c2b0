import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
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
 * shipment's state afterwards (see `settleShipment`).
 *
 * @example
 * await recordShipmentTrackingWorkflow(container).run({
 *   input: { updates: [{ shipment_id: "apship_1", events }], source: "webhook", now, quiet_hours },
 * })
 */
export const recordShipmentTrackingWorkflow = createWorkflow(
  recordShipmentTrackingWorkflowId,
  (input: RecordShipmentTrackingWorkflowInput) => {
    return new WorkflowResponse(recordShipmentUpdateStep(input))
  }
)
