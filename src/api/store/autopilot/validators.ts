import { z } from "@medusajs/framework/zod"

/** `POST /store/autopilot/confirm` and `POST /store/autopilot/unsubscribe` */
export const StoreAutopilotToken = z.strictObject({
  token: z.string().min(1).max(200),
})
export type StoreAutopilotTokenType = z.infer<typeof StoreAutopilotToken>
