import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { brandingState, saveBrandingOverride } from "../../../../messages"
import { autopilotService } from "../../../../runtime/settings"
import type { BrandingResponse } from "../../../../types/messages"
import { parseBrandingUpdate } from "./validators"

/**
 * The shop's branding in messages: what is in force, the plugin option's
 * values, and the admin's changes over them.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<BrandingResponse>
) => {
  const options = await autopilotService(req.scope).getOptions()
  res.json(await brandingState(req.scope, options))
}

/**
 * Changes the branding: a field set to a value overrides the plugin
 * option, null returns it to the option's value, a field left out stays.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<BrandingResponse>
) => {
  const update = parseBrandingUpdate(req.body)
  await saveBrandingOverride(req.scope, update)
  const options = await autopilotService(req.scope).getOptions()
  res.json(await brandingState(req.scope, options))
}
