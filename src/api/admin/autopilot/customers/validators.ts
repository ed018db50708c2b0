import { z } from "@medusajs/framework/zod"

/** `:id` of `GET /admin/autopilot/customers/:id`: a Medusa customer id. */
export const AdminCustomerActivityParams = z.strictObject({
  id: z.string().regex(/^cus_[A-Za-z0-9]{1,64}$/, "not a customer id"),
})

/** `GET /admin/autopilot/customers/:id` takes no query parameters. */
export const AdminCustomerActivityQuery = z.strictObject({})
