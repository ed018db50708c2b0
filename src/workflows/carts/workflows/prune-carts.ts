import {
  createWorkflow,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
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
  /** Whether its lead is kept: it has an email or a customer. */
  archive_lead: boolean
  /** Whether it has credit lines (which must go first). */
  has_credit_lines: boolean
  /** Its shipping and billing addresses. */
  address_ids: string[]
  /** Its payment collections: none with a live session or a payment. */
  payment_collection_ids: string[]
}

/**
 * A batch of checked carts, as flat lists of ids: the workflow engine
 * deep-copies its input for every step that reads it, so nothing bigger
 * travels (the leads' item snapshots are taken by the archive step).
 */
export type PruneCartsWorkflowInput = {
  cart_ids: string[]
  /** The carts with an email or a customer, whose lead is archived. */
  lead_cart_ids: string[]
  /** The carts with credit lines. */
  credit_line_cart_ids: string[]
  address_ids: string[]
  payment_collection_ids: string[]
}

/** The workflow's input for a batch of checked carts. */
export function pruneCartsInput(
  carts: PrunableCart[]
): PruneCartsWorkflowInput {
  return {
    cart_ids: carts.map((c) => c.id),
    lead_cart_ids: carts.filter((c) => c.archive_lead).map((c) => c.id),
    credit_line_cart_ids: carts
      .filter((c) => c.has_credit_lines)
      .map((c) => c.id),
    address_ids: [...new Set(carts.flatMap((c) => c.address_ids))],
    payment_collection_ids: carts.flatMap((c) => c.payment_collection_ids),
  }
}

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
 * await pruneCartsWorkflow(container).run({ input: pruneCartsInput(carts) })
 */
export const pruneCartsWorkflow = createWorkflow(
  pruneCartsWorkflowId,
  (input: PruneCartsWorkflowInput) => {
    archiveCartLeadsStep({ cart_ids: input.lead_cart_ids })
    removeCartLinksStep({ cart_ids: input.cart_ids })
    deleteDeadPaymentCollectionsStep({
      payment_collection_ids: input.payment_collection_ids,
    })
    deleteCartCreditLinesStep({ cart_ids: input.credit_line_cart_ids })
    const deleted = deleteCartsStep({ cart_ids: input.cart_ids })
    deleteCartAddressesStep({ address_ids: input.address_ids })
    markCartsPrunedStep({ cart_ids: input.cart_ids })
    return new WorkflowResponse(deleted)
  }
)
