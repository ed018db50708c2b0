import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { deleteForGood } from "../utils/ids-filter"

export type DeleteCartsStepInput = { cart_ids: string[] }

export const deleteCartsStepId = "delete-carts"

/**
 * Deletes the carts for good through the cart module, 500 per call, each
 * call's `cart.deleted` events sent as it commits (`deleteForGood`); their
 * line items, shipping methods, adjustments and tax lines go
 * with them (ON DELETE CASCADE in the cart schema). Their addresses do not:
 * see `delete-cart-addresses`. No rollback: a deleted cart cannot come back,
 * which is why this is the workflow's last step that can fail with
 * something to undo.
 *
 * @example
 * deleteCartsStep({ cart_ids: ["cart_123"] })
 */
export const deleteCartsStep = createStep(
  deleteCartsStepId,
  async (input: DeleteCartsStepInput, { container }) => {
    if (input.cart_ids.length) {
      const cart = container.resolve(Modules.CART)
      await deleteForGood(
        (ids, ctx) => cart.deleteCarts(ids, ctx),
        input.cart_ids
      )
    }
    return new StepResponse({ deleted: input.cart_ids.length })
  }
)
