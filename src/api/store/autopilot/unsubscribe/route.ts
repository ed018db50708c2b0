import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { applySubscriptionTokenWorkflow } from "../../../../workflows/restock"
import type { StoreTokenStatusResponse } from "../../../../types"
import type { StoreAutopilotTokenType } from "../validators"

/** The unsubscribe link in every message. An unknown token → 400 that reveals nothing. */
export const POST = async (
  req: MedusaRequest<StoreAutopilotTokenType>,
  res: MedusaResponse<StoreTokenStatusResponse>
) => {
  const { result } = await applySubscriptionTokenWorkflow(req.scope).run({
    input: { token: req.validatedBody.token, action: "unsubscribe" },
  })
  res.json({ status: result.status })
}
