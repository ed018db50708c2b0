import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import type { ArchivedLeadInput } from "../../../../modules/autopilot/service"
import { archiveCartLeadsStep } from "../steps/archive-cart-leads"
import { deleteCartAddressesStep } from "../steps/delete-cart-addresses"
import { deleteCartCreditLinesStep } from "../steps/delete-cart-credit-lines"
import { deleteCartsStep } from "../steps/delete-carts"
import { deleteDeadPaymentCollectionsStep } from "../steps/delete-dead-payment-collections"
import { markCartsPrunedStep } from "../steps/mark-carts-pruned"
import { removeCartLinksStep } from "../steps/remove-cart-links"

/** One cart that passed the safety checks, with what goes with it. */
export type PrunableCart = {
  id: string
  /** Its lead, for a cart with an email or a customer. */
  lead: ArchivedLeadInput | null
  /** Its shipping and billing addresses. */
  address_ids: string[]
  /** Its payment collections: none with a live session or a payment. */
  payment_collection_ids: string[]
}

export type PruneCartsWorkflowInput = { carts: PrunableCart[] }

export const pruneCartsWorkflowId = "prune-carts"

/**
 * Removes a batch of carts completely: archives their leads, deletes their
 * link rows, dead payment collections and credit lines, the carts (with
 * items, shipping methods, adjustments and tax lines), their addresses, and
 * marks their activity rows. The caller has checked every cart (no order,
 * no live payment, past its lifetime).
 *
 * Rollback: steps before the cart delete undo themselves for carts that
 * still exist; once carts are deleted, what follows only tidies up, and
 * whatever it leaves is found by later runs.
 *
 * @example
 * await pruneCartsWorkflow(container).run({ input: { carts } })
 */
export const pruneCartsWorkflow = createWorkflow(
  pruneCartsWorkflowId,
  (input: PruneCartsWorkflowInput) => {
    const parts = transform({ input }, ({ input }) => ({
      cart_ids: input.carts.map((c) => c.id),
      leads: input.carts
        .map((c) => c.lead)
        .filter((l): l is ArchivedLeadInput => !!l),
      address_ids: [...new Set(input.carts.flatMap((c) => c.address_ids))],
      payment_collection_ids: input.carts.flatMap(
        (c) => c.payment_collection_ids
      ),
    }))
    archiveCartLeadsStep({ leads: parts.leads })
    removeCartLinksStep({ cart_ids: parts.cart_ids })
    deleteDeadPaymentCollectionsStep({
      payment_collection_ids: parts.payment_collection_ids,
    })
    deleteCartCreditLinesStep({ cart_ids: parts.cart_ids })
    const deleted = deleteCartsStep({ cart_ids: parts.cart_ids })
    deleteCartAddressesStep({ address_ids: parts.address_ids })
    markCartsPrunedStep({ cart_ids: parts.cart_ids })
    return new WorkflowResponse(deleted)
  }
)
