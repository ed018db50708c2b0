import type {
  MedusaResponse,
  MedusaStoreRequest,
} from "@medusajs/framework/http"
import { recoverCartWorkflow } from "../../../../workflows/carts/workflows/recover-cart"
import type { StoreCartRecoveryResponse } from "../../../../types"
import type { StoreAutopilotTokenType } from "../validators"

/**
 * The recovery link in a cart reminder: 200 `{ cart_id }` (with
 * `discount: { code, outcome, expires_at }` when a reminder offered a code,
 * applied to the cart when it still can be) for an open cart
 * of the publishable key's sales channels, 400 for a bad or expired token
 * or another channel's cart (the same answer), 409 when the cart already
 * became an order.
 */
export const POST = async (
  req: MedusaStoreRequest<StoreAutopilotTokenType>,
  res: MedusaResponse<StoreCartRecoveryResponse>
) => {
  const { result } = await recoverCartWorkflow(req.scope).run({
    input: {
      token: req.validatedBody.token,
      // Set by Medusa from the publishable key on every /store request.
      sales_channel_ids: req.publishable_key_context?.sales_channel_ids ?? [],
    },
  })
  res.json(result)
}
