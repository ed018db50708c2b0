import { z } from "@medusajs/framework/zod"

/** One person, by email (trimmed, lower-cased). */
const email = z
  .string({ message: "email is required" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "email must be a valid email address" }).max(254))

/**
 * `POST /admin/autopilot/people/export` and `POST /admin/autopilot/people/erase`:
 * `{ "email": "…" }` in the JSON body, so the address never reaches a URL
 * (and with it the shop's access log).
 */
export const AdminPersonBody = z.strictObject({ email })
export type AdminPersonBodyType = z.infer<typeof AdminPersonBody>

/**
 * Deprecated: `GET` and `DELETE /admin/autopilot/people?email=`, the same
 * person in the query string. Still answered; use the `POST` forms.
 */
export const AdminPersonQuery = z.strictObject({ email })
export type AdminPersonQueryType = z.infer<typeof AdminPersonQuery>
