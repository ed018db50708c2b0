import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"
import { usedCode } from "../utils/discount"
import type { OrderCart } from "./find-order-cart"

export type MarkCartLeadRecoveredStepInput = OrderCart

export const markCartLeadRecoveredStepId = "mark-cart-lead-recovered"

/**
 * A reminded cart became an order: its lead (created when the first
 * reminder went out, status `open`) turns `recovered` with the order id,
 * total and time, and whether the order used one of the discount codes the
 * cart's reminders offered (`discount_used`; the lead's `discount_code`
 * becomes that code). Returns the lead, or null when the cart had none. A lead
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
    // The cart's reminder codes (each step's own): did the order use one?
    const offered = input.promotion_codes?.length
      ? await service.listCartReminders(
          { cart_id: input.cart_id, promotion_code: { $ne: null } } as never,
          { select: ["promotion_code"] }
        )
      : []
    const used = usedCode(
      input.promotion_codes ?? [],
      offered.map((r) => r.promotion_code!)
    )
    await service.updateCartLeads({
      id: lead.id,
      status: "recovered",
      recovered_order_id: input.order_id,
      recovered_total: input.total,
      recovered_at: input.created_at,
      discount_used: !!used,
      ...(used ? { discount_code: used } : {}),
    })
    return new StepResponse(
      {
        id: lead.id,
        cart_id: input.cart_id,
        order_id: input.order_id,
        discount_code: used ?? null,
        discount_used: !!used,
      },
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
      discount_used: false,
    })
  }
)
