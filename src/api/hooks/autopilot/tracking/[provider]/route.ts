import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { receiveTrackingWebhook } from "../../../../../features/shipment-tracking/apply"

/**
 * A carrier's tracking webhook. Verified over the raw body with the
 * provider's own scheme (see the README): 401 and nothing changed when the
 * signature or token is missing or wrong; 404 for an unknown provider.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const raw = (req as MedusaRequest & { rawBody?: Buffer }).rawBody
  if (!Buffer.isBuffer(raw)) {
    throw new MedusaError(
      MedusaError.Types.UNAUTHORIZED,
      "Expected a JSON body to verify"
    )
  }
  const outcome = await receiveTrackingWebhook(req.scope, req.params.provider, {
    headers: req.headers,
    rawBody: raw,
    query: req.query as Record<string, unknown>,
  })
  res.status(200).json(outcome)
}
