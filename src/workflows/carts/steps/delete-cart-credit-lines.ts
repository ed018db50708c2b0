import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { existingCartIds } from "../utils/carts"
import { idsFilter } from "../utils/ids-filter"

export type DeleteCartCreditLinesStepInput = { cart_ids: string[] }

export const deleteCartCreditLinesStepId = "delete-cart-credit-lines"

type CreditLineRow = {
  id: string
  cart_id: string
  reference?: string | null
  reference_id?: string | null
  amount: unknown
  raw_amount?: unknown
  metadata?: Record<string, unknown> | null
  deleted_at?: Date | string | null
}

/**
 * The credit-line methods the cart module's service generates for its
 * `CreditLine` model; `ICartModuleService` does not declare them.
 */
type CartCreditLines = {
  listCreditLines(
    filters: Record<string, unknown>,
    config: Record<string, unknown>
  ): Promise<CreditLineRow[]>
  deleteCreditLines(ids: string[]): Promise<void>
  createCreditLines(data: Record<string, unknown>[]): Promise<unknown>
}

type CreditLineCopy = {
  cart_id: string
  reference: string | null
  reference_id: string | null
  amount: unknown
  metadata: Record<string, unknown> | null
}

/**
 * Deletes the carts' credit lines, soft-deleted ones included: their foreign
 * key to the cart has no ON DELETE action, so a cart with credit lines could
 * not be deleted otherwise. Rollback: recreates them on carts that still
 * exist.
 *
 * @example
 * deleteCartCreditLinesStep({ cart_ids: ["cart_123"] })
 */
export const deleteCartCreditLinesStep = createStep(
  deleteCartCreditLinesStepId,
  async (input: DeleteCartCreditLinesStepInput, { container }) => {
    if (!input.cart_ids.length) return new StepResponse({ deleted: 0 }, [])
    const cart = container.resolve(Modules.CART) as unknown as CartCreditLines
    const lines = await cart.listCreditLines(
      { cart_id: input.cart_ids },
      { take: null, withDeleted: true }
    )
    if (lines.length)
      await cart.deleteCreditLines(idsFilter(lines.map((l) => l.id)))
    const copies: CreditLineCopy[] = lines
      .filter((l) => !l.deleted_at)
      .map((l) => ({
        cart_id: l.cart_id,
        reference: l.reference ?? null,
        reference_id: l.reference_id ?? null,
        amount: l.raw_amount ?? l.amount,
        metadata: l.metadata ?? null,
      }))
    return new StepResponse({ deleted: lines.length }, copies)
  },
  async (copies, { container }) => {
    if (!copies?.length) return
    const alive = await existingCartIds(
      container,
      copies.map((c) => c.cart_id)
    )
    const restore = copies.filter((c) => alive.has(c.cart_id))
    if (!restore.length) return
    const cart = container.resolve(Modules.CART) as unknown as CartCreditLines
    await cart.createCreditLines(restore)
  }
)
