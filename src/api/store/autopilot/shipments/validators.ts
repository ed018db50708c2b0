import { z } from "@medusajs/framework/zod"

/** `POST /store/autopilot/shipments/status`: the token of a tracking link. */
export const StoreShipmentStatus = z.strictObject({
  token: z.string().min(1).max(200),
})
export type StoreShipmentStatusType = z.infer<typeof StoreShipmentStatus>

/** `POST /store/autopilot/shipments/lookup`: the order number and its email. */
export const StoreShipmentLookup = z.strictObject({
  order_display_id: z.number().int().positive().max(2_147_483_647),
  email: z.email({ message: "email must be a valid email address" }).max(254),
})
export type StoreShipmentLookupType = z.infer<typeof StoreShipmentLookup>
