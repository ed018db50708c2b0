import { z } from "@medusajs/framework/zod"

/** `POST /store/autopilot/confirm`, `/unsubscribe` and `/cart-recovery` */
export const StoreAutopilotToken = z.strictObject({
  token: z.string().min(1).max(200),
})
export type StoreAutopilotTokenType = z.infer<typeof StoreAutopilotToken>
