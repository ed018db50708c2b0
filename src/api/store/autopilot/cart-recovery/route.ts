import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recoverCartWorkflow } from "../../../../workflows/carts/workflows/recover-cart"
import type { StoreCartRecoveryResponse } from "../../../../types"
import type { StoreAutopilotTokenType } from "../validators"

/**
 * The recovery link in a cart reminder: 200 `{ cart_id }` for an open cart,
 * 400 for a bad or expired token, 409 when the cart already became an order.
 */
export const POST = async (
  req: MedusaRequest<StoreAutopilotTokenType>,
  res: MedusaResponse<StoreCartRecoveryResponse>
) => {
  const { result } = await recoverCartWorkflow(req.scope).run({
    input: { token: req.validatedBody.token },
  })
  res.json({ cart_id: result.cart_id })
}
