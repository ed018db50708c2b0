import type { MedusaContainer } from "@medusajs/framework/types"
import type { NotificationName } from "../catalog/notifications"
import { sendNotification, type SendOutcome } from "./notifier"
import { autopilotService } from "./settings"

/**
 * Sends a merchant alert to `merchantEmail`, once per idempotency key.
 * Returns null when no `merchantEmail` is configured (the admin still shows
 * the alert).
 */
export async function notifyMerchant(
  container: MedusaContainer,
  name: NotificationName,
  idempotencyKey: string,
  data: Record<string, unknown>
): Promise<SendOutcome | null> {
  const options = await autopilotService(container).getOptions()
  if (!options.merchantEmail) return null
  return sendNotification(container, options, {
    name,
    to: options.merchantEmail,
    data,
    idempotencyKey,
    itemId: idempotencyKey,
  })
}
