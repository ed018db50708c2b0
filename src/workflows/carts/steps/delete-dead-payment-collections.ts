import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type DeleteDeadPaymentCollectionsStepInput = {
  payment_collection_ids: string[]
}

export const deleteDeadPaymentCollectionsStepId =
  "delete-dead-payment-collections"

/**
 * Deletes the payment collections of pruned carts. The caller passes only
 * collections with no payment and no session other than canceled or errored
 * ones (a cart with anything else is never pruned), so nothing of value
 * goes. No rollback: such a collection can hold no money, and a cart left
 * without it can start a new one.
 *
 * @example
 * deleteDeadPaymentCollectionsStep({ payment_collection_ids: ["pay_col_1"] })
 */
export const deleteDeadPaymentCollectionsStep = createStep(
  deleteDeadPaymentCollectionsStepId,
  async (input: DeleteDeadPaymentCollectionsStepInput, { container }) => {
    if (input.payment_collection_ids.length) {
      await container
        .resolve(Modules.PAYMENT)
        .deletePaymentCollections(input.payment_collection_ids)
    }
    return new StepResponse({ deleted: input.payment_collection_ids.length })
  }
)
