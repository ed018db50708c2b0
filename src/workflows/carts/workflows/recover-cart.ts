import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { applyCartDiscountStep } from "../steps/apply-cart-discount"
import {
  validateCartRecoveryStep,
  type ValidateCartRecoveryStepInput,
} from "../steps/validate-cart-recovery"

export const recoverCartWorkflowId = "recover-cart"

/**
 * `POST /store/autopilot/cart-recovery`: the storefront page of a reminder's
 * recovery link turns the token into the cart to restore, when the cart is
 * of the storefront's sales channels. See {@link validateCartRecoveryStep}.
 * When a reminder of the cart offered a discount code, the link applies it
 * to the cart and says whether it could ({@link applyCartDiscountStep}); a
 * code that no longer applies never stops the cart from being restored.
 *
 * @example
 * const { result } = await recoverCartWorkflow(container).run({
 *   input: { token, sales_channel_ids: ["sc_..."] },
 * })
 */
export const recoverCartWorkflow = createWorkflow(
  recoverCartWorkflowId,
  (input: ValidateCartRecoveryStepInput) => {
    const cart = validateCartRecoveryStep(input)
    const discount = applyCartDiscountStep(cart)
    return new WorkflowResponse(
      transform({ cart, discount }, ({ cart, discount }) => ({
        cart_id: cart.cart_id,
        ...(discount ? { discount } : {}),
      }))
    )
  }
)
