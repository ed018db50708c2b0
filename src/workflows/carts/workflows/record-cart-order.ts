import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { AutopilotEvents } from "../../../runtime/events"
import {
  findOrderCartStep,
  type FindOrderCartStepInput,
} from "../steps/find-order-cart"
import { markCartLeadRecoveredStep } from "../steps/mark-cart-lead-recovered"
import { recordCartActivityStep } from "../steps/record-cart-activity"

export const recordCartOrderWorkflowId = "record-cart-order"

/**
 * An order was placed: the activity row of its cart turns `completed` with
 * the order id (no more reminders, never pruned), and when the cart had
 * been reminded its lead turns `recovered` with the order id and total and
 * `autopilot.cart.recovered` (`{ id, cart_id, order_id, discount_code,
 * discount_used }`: the reminder code the order used, if any) is emitted.
 *
 * @example
 * await recordCartOrderWorkflow(container).run({ input: { order_id } })
 */
export const recordCartOrderWorkflow = createWorkflow(
  recordCartOrderWorkflowId,
  (input: FindOrderCartStepInput) => {
    const found = findOrderCartStep(input)
    const cartIds = transform({ found }, ({ found }) => ({
      cart_ids: found.cart_id ? [found.cart_id] : [],
    }))
    recordCartActivityStep(cartIds)
    const lead = markCartLeadRecoveredStep(found)
    when({ lead }, ({ lead }) => !!lead).then(() => {
      const data = transform({ lead }, ({ lead }) => ({
        id: lead!.id,
        cart_id: lead!.cart_id,
        order_id: lead!.order_id,
        discount_code: lead!.discount_code,
        discount_used: lead!.discount_used,
      }))
      emitEventStep({ eventName: AutopilotEvents.CART_RECOVERED, data })
    })
    return new WorkflowResponse({ found, lead })
  }
)
