import { z } from "@medusajs/framework/zod"
import { MedusaError } from "@medusajs/framework/utils"

/** `GET /admin/autopilot/notifications/unconfirmed` */
export const AdminListUnconfirmedSends = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AdminListUnconfirmedSendsType = z.infer<
  typeof AdminListUnconfirmedSends
>

/** `POST /admin/autopilot/notifications/:id/resend`: no body fields. */
export const AdminResendNotification = z.strictObject({})

/** `:id` of a send: the plugin's own id. */
export const SendId = z
  .string()
  .regex(/^apsend_[A-Za-z0-9]{1,64}$/, "not a send id")

/**
 * Parses input with a zod schema; what does not fit is a 400 naming the
 * field. (These routes validate here rather than in the shared
 * middlewares file.)
 */
export function parseOr400<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string
): z.output<T> {
  const parsed = schema.safeParse(value ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue.path.length ? issue.path.join(".") : what
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `Invalid ${what}: ${where}: ${issue.message}`
  )
}
