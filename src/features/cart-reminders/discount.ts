import { discountOf } from "../../catalog/cart-reminder-steps"
import { autopilotService } from "../../runtime/settings"
import type { RunContext } from "../../runtime/types"
import { discountOffer } from "../../workflows/carts/utils/discount"
import { offerCartDiscountWorkflow } from "../../workflows/carts/workflows/offer-cart-discount"
import { num, type ReminderCart } from "./reminder-cart"
import type { CartRemindersOptions } from "./remind"

/** The code as the reminder's message shows it (`data.discount`). */
export type ReminderDiscount = {
  code: string
  type: "percentage" | "fixed"
  value: number
  currency_code: string | null
  min_subtotal: number | null
  /** ISO 8601. */
  expires_at: string
}

/**
 * The discount code of a due step, when the step has a discount and the
 * cart can use it: made (or found again, on a retry) by
 * `offerCartDiscountWorkflow` for the step's claimed ledger row. Null when
 * the step has none, or when this cart gets the reminder without a code
 * (another currency than a fixed amount's, already under the minimum),
 * which is noted on the run. A failure throws: the reminder is then not
 * sent and the item is retried, and the retry finds the same code.
 */
export async function stepDiscount(
  ctx: RunContext,
  options: CartRemindersOptions,
  cart: ReminderCart,
  step: number,
  leadId: string
): Promise<ReminderDiscount | null> {
  const discount = discountOf(options.steps[step - 1])
  if (!discount) return null
  const verdict = discountOffer(
    discount,
    {
      currency_code: cart.currency_code ?? "",
      item_subtotal: num(cart.item_subtotal),
    },
    ctx.now()
  )
  if ("skip" in verdict) {
    ctx.changed(`discount-skipped-${verdict.skip.replace(/_/g, "-")}`, cart.id)
    return null
  }
  const [row] = await autopilotService(ctx.container).listCartReminders({
    cart_id: cart.id,
    step,
  })
  const { result } = await offerCartDiscountWorkflow(ctx.container).run({
    input: {
      reminder_id: row.id,
      cart_id: cart.id,
      step,
      lead_id: leadId,
      offer: verdict.offer,
      now: ctx.now(),
    },
  })
  ctx.changed("discount-code", cart.id)
  return {
    code: result.code,
    type: verdict.offer.type,
    value: verdict.offer.value,
    currency_code: verdict.offer.currency_code,
    min_subtotal: verdict.offer.min_subtotal,
    expires_at: new Date(result.expires_at).toISOString(),
  }
}
