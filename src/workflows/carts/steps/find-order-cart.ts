import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type FindOrderCartStepInput = { order_id: string }

export type OrderCart = {
  order_id: string
  /** The cart the order was placed from; null for orders without a cart (drafts, imports). */
  cart_id: string | null
  total: number | null
  currency_code: string | null
  created_at: Date
  /** The promotion codes the order's items and shipping were discounted with. */
  promotion_codes: string[]
}

export const findOrderCartStepId = "find-order-cart"

type Adjusted = { adjustments?: { code?: string | null }[] | null } | null

/**
 * Finds the cart an order was placed from (Medusa's order–cart link), the
 * order's total and the promotion codes of its adjustments. Reads only.
 *
 * @example
 * findOrderCartStep({ order_id: "order_01..." })
 */
export const findOrderCartStep = createStep(
  findOrderCartStepId,
  async (input: FindOrderCartStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: links } = await query.graph({
      entity: "order_cart",
      fields: ["cart_id"],
      filters: { order_id: input.order_id },
    })
    const { data: orders } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "total",
        "currency_code",
        "created_at",
        "items.adjustments.code",
        "shipping_methods.adjustments.code",
      ],
      filters: { id: input.order_id },
    })
    const order = orders[0] as
      | {
          id: string
          total: unknown
          currency_code: string
          created_at: string | Date
          items?: Adjusted[] | null
          shipping_methods?: Adjusted[] | null
        }
      | undefined
    const codes = new Set(
      [...(order?.items ?? []), ...(order?.shipping_methods ?? [])].flatMap(
        (line) => (line?.adjustments ?? []).map((a) => a?.code ?? "")
      )
    )
    codes.delete("")
    const result: OrderCart = {
      order_id: input.order_id,
      cart_id: (links[0] as { cart_id?: string } | undefined)?.cart_id ?? null,
      total: order?.total == null ? null : Number(order.total),
      currency_code: order?.currency_code ?? null,
      created_at: order ? new Date(order.created_at) : new Date(),
      promotion_codes: [...codes],
    }
    return new StepResponse(result)
  }
)
