import { z } from "@medusajs/framework/zod"

/** `GET` and `DELETE /admin/autopilot/people?email=`: one person, by email (trimmed, lower-cased). */
export const AdminPersonQuery = z.strictObject({
  email: z
    .string({ message: "email is required" })
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "email must be a valid email address" }).max(254)),
})
export type AdminPersonQueryType = z.infer<typeof AdminPersonQuery>
