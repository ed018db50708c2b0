import { z } from "@medusajs/framework/zod"

/** `POST /store/restock-subscriptions` */
export const StoreCreateRestockSubscription = z.strictObject({
  variant_id: z.string().min(1).max(100),
  email: z
    .email({ message: "email must be a valid email address" })
    .max(254)
    .optional(),
  /** BCP 47, e.g. `de-DE`: the alert is sent in it when the template supports it. */
  locale: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, {
      message: "locale must be a language tag such as de-DE",
    })
    .max(35)
    .optional(),
  sales_channel_id: z.string().min(1).max(100).optional(),
})
export type StoreCreateRestockSubscriptionType = z.infer<
  typeof StoreCreateRestockSubscription
>
