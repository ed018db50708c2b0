import { z } from "@medusajs/framework/zod"

/** `:id` of `GET /admin/autopilot/products/:id/restock`: a Medusa product id. */
export const AdminProductRestockParams = z.strictObject({
  id: z.string().regex(/^prod_[A-Za-z0-9]{1,64}$/, "not a product id"),
})

/** `GET /admin/autopilot/products/:id/restock` takes no query parameters. */
export const AdminProductRestockQuery = z.strictObject({})
