import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { resolveToken } from "../../../runtime/tokens"

export type ValidateCartRecoveryStepInput = {
  token: string
  /**
   * The sales channels of the storefront asking (its publishable key's):
   * a cart of any other channel is answered like a bad token. Left out
   * only by server code that is no storefront.
   */
  sales_channel_ids?: string[]
}

export const validateCartRecoveryStepId = "validate-cart-recovery"

/** One answer for every bad token: it reveals nothing about what exists. */
const INVALID = "This link is invalid or has expired"

/**
 * The recovery link of a cart reminder: the token names a cart. Returns it
 * when it is still open. An unknown or expired token, a cart that no longer
 * exists, or a cart of another sales channel than the storefront's, is
 * INVALID_DATA (400) with one message; a cart that became an order is
 * CONFLICT (409). The link may be used more than once. Reads only.
 *
 * @example
 * validateCartRecoveryStep({ token })
 */
export const validateCartRecoveryStep = createStep(
  validateCartRecoveryStepId,
  async (input: ValidateCartRecoveryStepInput, { container }) => {
    const found = await resolveToken(container, "cart_recovery", input.token)
    if (!found) throw new MedusaError(MedusaError.Types.INVALID_DATA, INVALID)
    const { data } = await container
      .resolve(ContainerRegistrationKeys.QUERY)
      .graph({
        entity: "cart",
        fields: ["id", "sales_channel_id", "completed_at", "order.id"],
        filters: { id: found.subject_id },
      })
    const cart = data[0] as
      | {
          id: string
          sales_channel_id: string | null
          completed_at: unknown
          order?: { id: string } | null
        }
      | undefined
    if (!cart) throw new MedusaError(MedusaError.Types.INVALID_DATA, INVALID)
    // Another storefront's cart: as unknown as a bad token, ordered or not.
    if (
      input.sales_channel_ids &&
      !(
        cart.sales_channel_id &&
        input.sales_channel_ids.includes(cart.sales_channel_id)
      )
    ) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, INVALID)
    }
    if (cart.completed_at || cart.order?.id) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        "This cart has already been ordered"
      )
    }
    return new StepResponse({ cart_id: cart.id })
  }
)
