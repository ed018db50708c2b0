import type { z } from "@medusajs/framework/zod"
import { MedusaError } from "@medusajs/framework/utils"
import { brandingUpdateSchema } from "../../../../messages/schema"

/**
 * `POST /admin/autopilot/branding`: any of `shop_name`, `logo_url` (http(s)),
 * `accent_color` (#rrggbb), `support_email`, `footer_address`; null on a
 * field returns it to the plugin option's value.
 */
export const AdminUpdateBranding = brandingUpdateSchema
export type AdminUpdateBrandingType = z.infer<typeof AdminUpdateBranding>

/**
 * The body, validated here (not in the shared middlewares file): what does
 * not fit is a 400 naming the field.
 */
export function parseBrandingUpdate(body: unknown): AdminUpdateBrandingType {
  const parsed = AdminUpdateBranding.safeParse(body ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field =
    issue.code === "unrecognized_keys"
      ? issue.keys.join(", ")
      : issue.path.map(String).join(".") || "body"
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `Invalid branding: ${field}: ${issue.message}`
  )
}
