import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { deleteForGood } from "../utils/ids-filter"

export type DeleteCartAddressesStepInput = { address_ids: string[] }

export const deleteCartAddressesStepId = "delete-cart-addresses"

/**
 * Deletes cart addresses through the cart module: the shipping and billing
 * addresses of pruned carts (the module's hard delete leaves them behind),
 * or addresses no cart refers to any more; 500 per call, events sent as
 * each call commits (`deleteForGood`). No rollback: it runs after the
 * carts are gone; an address it fails to delete is found again by the
 * orphan sweep.
 *
 * @example
 * deleteCartAddressesStep({ address_ids: ["caaddr_123"] })
 */
export const deleteCartAddressesStep = createStep(
  deleteCartAddressesStepId,
  async (input: DeleteCartAddressesStepInput, { container }) => {
    if (input.address_ids.length) {
      const cart = container.resolve(Modules.CART)
      await deleteForGood(
        (ids, ctx) => cart.deleteAddresses(ids, ctx),
        input.address_ids
      )
    }
    return new StepResponse({ deleted: input.address_ids.length })
  }
)
