import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type FindCartDiscountPromotionStepInput = { code: string }

export type FoundCartDiscountPromotion = {
  promotion_id: string | null
  /** The code's campaign (its `campaign_identifier` is the code). */
  campaign_id: string | null
}

export const findCartDiscountPromotionStepId = "find-cart-discount-promotion"

/**
 * Finds what an earlier attempt may have made for a reminder's code: the
 * promotion of that code and the campaign named after it, through the
 * Promotion module. Reads only.
 *
 * @example
 * const found = findCartDiscountPromotionStep({ code: "BACK-..." })
 */
export const findCartDiscountPromotionStep = createStep(
  findCartDiscountPromotionStepId,
  async (input: FindCartDiscountPromotionStepInput, { container }) => {
    const promotions = container.resolve(Modules.PROMOTION)
    const [promotion] = await promotions.listPromotions(
      { code: input.code },
      { select: ["id", "campaign_id"], take: 1 }
    )
    const [campaign] = promotion?.campaign_id
      ? [{ id: promotion.campaign_id }]
      : await promotions.listCampaigns(
          { campaign_identifier: [input.code] },
          { select: ["id"], take: 1 }
        )
    const found: FoundCartDiscountPromotion = {
      promotion_id: promotion?.id ?? null,
      campaign_id: campaign?.id ?? null,
    }
    return new StepResponse(found)
  }
)
