import {
  createCampaignsWorkflow,
  createPromotionsWorkflow,
} from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { findCartDiscountPromotionStep } from "../steps/find-cart-discount-promotion"
import { recordCartDiscountStep } from "../steps/record-cart-discount"
import { reserveCartDiscountCodeStep } from "../steps/reserve-cart-discount-code"
import {
  campaignInput,
  type DiscountOffer,
  promotionInput,
} from "../utils/discount"

export type OfferCartDiscountWorkflowInput = {
  /** The claimed ledger row of the reminder step. */
  reminder_id: string
  cart_id: string
  step: number
  lead_id: string
  /** The terms (see `discountOffer`); `expires_at` applies to a new code only. */
  offer: DiscountOffer
  /** The run's clock. */
  now: Date
}

export type OfferedCartDiscount = {
  code: string
  promotion_id: string
  expires_at: Date
}

export const offerCartDiscountWorkflowId = "offer-cart-discount"

/**
 * The single-use discount code of one reminder step, made through Medusa's
 * Promotion module with its core workflows: a campaign named after the
 * code that ends when the code expires (`createCampaignsWorkflow`), and a
 * promotion of that code limited to one use (`createPromotionsWorkflow`).
 *
 * Idempotent per (cart, step): the code is chosen and written on the
 * reminder's ledger row first; a retry finds that code's campaign and
 * promotion and creates only what is missing, so a step never makes a
 * second promotion. Rollback: the nested core workflows delete the campaign
 * and promotion they created, and the code is cleared from the row.
 *
 * @example
 * const { result } = await offerCartDiscountWorkflow(container).run({
 *   input: { reminder_id, cart_id, step: 2, lead_id, offer, now },
 * })
 */
export const offerCartDiscountWorkflow = createWorkflow(
  offerCartDiscountWorkflowId,
  (input: OfferCartDiscountWorkflowInput) => {
    const reserved = reserveCartDiscountCodeStep(
      transform({ input }, ({ input }) => ({
        reminder_id: input.reminder_id,
        expires_at: input.offer.expires_at,
      }))
    )
    const found = findCartDiscountPromotionStep(
      transform({ reserved }, ({ reserved }) => ({ code: reserved.code }))
    )
    const terms = transform({ input, reserved }, ({ input, reserved }) => ({
      ...input.offer,
      expires_at: reserved.expires_at,
    }))

    const newCampaigns = when(
      { found },
      ({ found }) => !found.campaign_id
    ).then(() =>
      createCampaignsWorkflow.runAsStep({
        input: transform(
          { reserved, terms, input },
          ({ reserved, terms, input }) => ({
            campaignsData: [campaignInput(reserved.code, terms, input.now)],
          })
        ),
      })
    )
    const campaignId = transform(
      { found, newCampaigns },
      ({ found, newCampaigns }) =>
        found.campaign_id ?? (newCampaigns as { id: string }[])[0].id
    )

    const newPromotions = when(
      { found },
      ({ found }) => !found.promotion_id
    ).then(() =>
      createPromotionsWorkflow.runAsStep({
        input: transform(
          { reserved, terms, input, campaignId },
          ({ reserved, terms, input, campaignId }) => ({
            promotionsData: [
              promotionInput(reserved.code, terms, campaignId, {
                cart_id: input.cart_id,
                step: input.step,
              }),
            ],
          })
        ),
      })
    )
    const promotionId = transform(
      { found, newPromotions },
      ({ found, newPromotions }) =>
        found.promotion_id ?? (newPromotions as { id: string }[])[0].id
    )

    recordCartDiscountStep(
      transform(
        { input, reserved, promotionId },
        ({ input, reserved, promotionId }) => ({
          reminder_id: input.reminder_id,
          lead_id: input.lead_id,
          code: reserved.code,
          promotion_id: promotionId,
        })
      )
    )
    const result = transform(
      { reserved, promotionId },
      ({ reserved, promotionId }): OfferedCartDiscount => ({
        code: reserved.code,
        promotion_id: promotionId,
        expires_at: reserved.expires_at,
      })
    )
    return new WorkflowResponse(result)
  }
)
