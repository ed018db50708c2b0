import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  availabilityIn,
  loadVariants,
  soldIn,
} from "../../../shared/variant-availability"

export type ValidateRestockSignupStepInput = {
  variant_id: string
  sales_channel_id: string
}

export const validateRestockSignupStepId = "validate-restock-signup"

/**
 * A signup is for a variant sold in the channel that is out of stock there
 * now. NOT_FOUND for an unknown variant or one not sold in the channel;
 * INVALID_DATA when it can be bought right now. Writes nothing.
 *
 * @example
 * validateRestockSignupStep({ variant_id: "variant_1", sales_channel_id: "sc_1" })
 */
export const validateRestockSignupStep = createStep(
  validateRestockSignupStepId,
  async (input: ValidateRestockSignupStepInput, { container }) => {
    const variant = (await loadVariants(container, [input.variant_id])).get(
      input.variant_id
    )
    if (!variant || !soldIn(variant, input.sales_channel_id)) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Variant ${input.variant_id} is not sold in this sales channel`
      )
    }
    const available = (
      await availabilityIn(container, [variant], input.sales_channel_id)
    ).get(variant.id)!
    if (available > 0) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Variant ${input.variant_id} is in stock: it can be bought right now`
      )
    }
    return new StepResponse({ variant_id: variant.id })
  }
)
