import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { AutopilotOptions } from "../modules/autopilot/options"
import type { NotifyInput } from "./types"

const UNSERVED = /Could not find a notification provider for channel/i

export type SendOutcome =
  | { status: "sent"; notificationId: string }
  | { status: "already_sent" }
  | { status: "failed"; reason: string; unservedChannel?: string }

/**
 * Sends one message through Medusa's Notification module. One recipient per
 * call: the module fails a whole batch when one send fails, and a failed
 * send must cost only its own item. The idempotency key makes a re-run after
 * a crash skip what was already sent (a key whose send failed is retried).
 */
export async function sendNotification(
  container: MedusaContainer,
  options: Pick<AutopilotOptions, "notificationChannel" | "templates">,
  input: NotifyInput
): Promise<SendOutcome> {
  const notifications = container.resolve(Modules.NOTIFICATION)
  try {
    const created = await notifications.createNotifications({
      to: input.to,
      channel: options.notificationChannel,
      template: options.templates[input.name],
      data: { ...input.data, notification_name: input.name },
      idempotency_key: input.idempotencyKey,
      trigger_type: "medusa-plugin-autopilot",
      resource_id: input.resourceId,
      resource_type: input.resourceType,
      receiver_id: input.receiverId,
    })
    // The module returns nothing for a key it has already sent.
    return created
      ? { status: "sent", notificationId: created.id }
      : { status: "already_sent" }
  } catch (e) {
    const reason = (e as Error).message
    return {
      status: "failed",
      reason,
      unservedChannel: UNSERVED.test(reason)
        ? options.notificationChannel
        : undefined,
    }
  }
}

type ModuleConfigEntry = {
  resolve?: string
  options?: { providers?: { id?: string; options?: { channels?: string[] } }[] }
}

/**
 * Which configured notification providers serve a channel, read from the
 * shop's config: the module keeps its provider list internal.
 */
export function providersForChannel(
  container: MedusaContainer,
  channel: string
): string[] {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as {
    modules?: Record<string, ModuleConfigEntry | boolean> | ModuleConfigEntry[]
  }
  const modules = config.modules ?? {}
  const entries = Array.isArray(modules)
    ? modules.filter((m) => m.resolve?.endsWith("/notification"))
    : Object.entries(modules)
        .filter(([key]) => key === Modules.NOTIFICATION)
        .map(([, value]) => value)
  const providers = entries
    .filter((e): e is ModuleConfigEntry => typeof e === "object" && e !== null)
    .flatMap((e) => e.options?.providers ?? [])
  return providers
    .filter((p) => p.options?.channels?.includes(channel))
    .map((p) => p.id ?? "unnamed")
}
