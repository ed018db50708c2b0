import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { applySubscriptionTokenWorkflow } from "../../../../workflows/restock"
import type { StoreTokenStatusResponse } from "../../../../types"
import type { StoreAutopilotTokenType } from "../validators"

/** Double opt-in: the link in the confirmation message activates the signup. */
export const POST = async (
  req: MedusaRequest<StoreAutopilotTokenType>,
  res: MedusaResponse<StoreTokenStatusResponse>
) => {
  const { result } = await applySubscriptionTokenWorkflow(req.scope).run({
    input: { token: req.validatedBody.token, action: "confirm" },
  })
  res.json({ status: result.status })
}
