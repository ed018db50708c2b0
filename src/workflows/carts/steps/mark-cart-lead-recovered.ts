import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"
import type { OrderCart } from "./find-order-cart"

export type MarkCartLeadRecoveredStepInput = OrderCart

export const markCartLeadRecoveredStepId = "mark-cart-lead-recovered"

/**
 * A reminded cart became an order: its lead (created when the first
 * reminder went out, status `open`) turns `recovered` with the order id,
 * total and time. Returns the lead, or null when the cart had none. A lead
 * already recovered or archived is left alone. Rollback: back to `open`.
 *
 * @example
 * markCartLeadRecoveredStep({ order_id, cart_id, total: 40, currency_code: "eur", created_at })
 */
export const markCartLeadRecoveredStep = createStep(
  markCartLeadRecoveredStepId,
  async (input: MarkCartLeadRecoveredStepInput, { container }) => {
    if (!input.cart_id) return new StepResponse(null, null)
    const service = autopilotService(container)
    const [lead] = await service.listCartLeads({
      cart_id: input.cart_id,
      status: "open",
    })
    if (!lead) return new StepResponse(null, null)
    await service.updateCartLeads({
      id: lead.id,
      status: "recovered",
      recovered_order_id: input.order_id,
      recovered_total: input.total,
      recovered_at: input.created_at,
    })
    return new StepResponse(
      { id: lead.id, cart_id: input.cart_id, order_id: input.order_id },
      lead.id
    )
  },
  async (leadId, { container }) => {
    if (!leadId) return
    await autopilotService(container).updateCartLeads({
      id: leadId,
      status: "open",
      recovered_order_id: null,
      recovered_total: null,
      recovered_at: null,
    })
  }
)
