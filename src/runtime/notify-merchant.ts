import type { MedusaContainer } from "@medusajs/framework/types"
import type { NotificationName } from "../catalog/notifications"
import { merchantAlertsOn } from "./merchant-webhooks"
import { sendNotification, type SendOutcome } from "./notifier"
import { autopilotService } from "./settings"

/**
 * Sends a merchant alert to `merchantEmail` and the `merchantWebhooks`
 * that want it, once per idempotency key. Returns null when neither is
 * configured (the admin still shows the alert).
 */
export async function notifyMerchant(
  container: MedusaContainer,
  name: NotificationName,
  idempotencyKey: string,
  data: Record<string, unknown>
): Promise<SendOutcome | null> {
  const options = await autopilotService(container).getOptions()
  if (!merchantAlertsOn(options)) return null
  return sendNotification(container, options, {
    name,
    // Empty: webhooks only (see `merchantWebhooks`).
    to: options.merchantEmail ?? "",
    data,
    idempotencyKey,
    itemId: idempotencyKey,
  })
}
