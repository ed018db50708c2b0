import { z } from "@medusajs/framework/zod"
import { OVERVIEW_MAX_DAYS } from "../../../../types"

/** `GET /admin/autopilot/overview`: `days` whole UTC days up to now (7, 30, 90 in the admin; 1..365). */
export const AdminGetOverview = z.strictObject({
  days: z.coerce
    .number()
    .int("days must be a whole number of days")
    .min(1, `days must be between 1 and ${OVERVIEW_MAX_DAYS}`)
    .max(OVERVIEW_MAX_DAYS, `days must be between 1 and ${OVERVIEW_MAX_DAYS}`)
    .default(30),
})
export type AdminGetOverviewType = z.infer<typeof AdminGetOverview>
