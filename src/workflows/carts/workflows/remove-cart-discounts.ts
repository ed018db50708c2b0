import {
  deleteCampaignsWorkflow,
  deletePromotionsWorkflow,
} from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  markCartDiscountsRemovedStep,
  type MarkCartDiscountsRemovedStepInput,
} from "../steps/mark-cart-discounts-removed"

export type RemoveCartDiscountsWorkflowInput =
  MarkCartDiscountsRemovedStepInput & {
    /** Promotions of expired or unneeded codes (none that an order used). */
    promotion_ids: string[]
    /** Their campaigns (one per code). */
    campaign_ids: string[]
  }

export const removeCartDiscountsWorkflowId = "remove-cart-discounts"

/**
 * Cart pruning's cleanup of reminder discount codes: deletes the given
 * promotions and their campaigns with Medusa's core workflows
 * (`deletePromotionsWorkflow`, `deleteCampaignsWorkflow`) and marks the
 * reminders' codes done. Rollback: the core workflows restore what they
 * deleted, and the marks are cleared.
 *
 * @example
 * await removeCartDiscountsWorkflow(container).run({
 *   input: { reminder_ids, promotion_ids, campaign_ids, removed_at: now },
 * })
 */
export const removeCartDiscountsWorkflow = createWorkflow(
  removeCartDiscountsWorkflowId,
  (input: RemoveCartDiscountsWorkflowInput) => {
    when({ input }, ({ input }) => input.promotion_ids.length > 0).then(() => {
      deletePromotionsWorkflow.runAsStep({
        input: transform({ input }, ({ input }) => ({
          ids: input.promotion_ids,
        })),
      })
    })
    when({ input }, ({ input }) => input.campaign_ids.length > 0).then(() => {
      deleteCampaignsWorkflow.runAsStep({
        input: transform({ input }, ({ input }) => ({
          ids: input.campaign_ids,
        })),
      })
    })
    const marked = markCartDiscountsRemovedStep(
      transform({ input }, ({ input }) => ({
        reminder_ids: input.reminder_ids,
        removed_at: input.removed_at,
      }))
    )
    return new WorkflowResponse(marked)
  }
)
