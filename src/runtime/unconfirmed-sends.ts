import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import type { NotificationName } from "../catalog/notifications"
import { NOTIFICATION_NAMES } from "../catalog/notifications"
import { now } from "./clock"
import {
  markUnconfirmedSends,
  medusaRows,
  messageContent,
  type SendRow,
} from "./notification-rows"
import { autopilotService } from "./settings"

/**
 * Unconfirmed sends for the merchant, newest first; checks for new ones
 * first (any job).
 */
export async function listUnconfirmedSends(
  container: MedusaContainer,
  page: { limit: number; offset: number }
) {
  await markUnconfirmedSends(container)
  const [rows, count] = await autopilotService(
    container
  ).listAndCountNotificationSends(
    { status: "unconfirmed" },
    {
      order: { started_at: "DESC" },
      take: page.limit,
      skip: page.offset,
    }
  )
  return { rows, count }
}

/**
 * The merchant's "send again" for an unconfirmed send: a new notification
 * with the same recipient, template and data as Medusa's pending row
 * (`original_notification_id` pointing at it) under the key
 * `<key>:resend`, so a double click still sends once. The record becomes
 * `resent`, and later runs count that key as sent.
 */
export async function resendUnconfirmed(
  container: MedusaContainer,
  id: string
): Promise<SendRow> {
  const service = autopilotService(container)
  const [row] = await service.listNotificationSends({ id }, { take: 1 })
  if (!row) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `No unconfirmed send with id ${id}`
    )
  }
  if (row.status !== "unconfirmed") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Send ${id} is ${row.status}: only an unconfirmed send can be sent again`
    )
  }
  const original = (await medusaRows(container, [row.idempotency_key])).get(
    row.idempotency_key
  )
  if (!original) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Medusa has no notification for send ${id} any more`
    )
  }
  const resendKey = `${row.idempotency_key}:resend`
  // Medusa keeps no content: render it again from the data, as first sent.
  const name = (original.data as Record<string, unknown> | null)
    ?.notification_name as NotificationName | undefined
  const content =
    name && NOTIFICATION_NAMES.includes(name) && original.template === name
      ? await messageContent(
          container,
          await service.getOptions(),
          name,
          original.data ?? {}
        )
      : undefined
  let created
  try {
    created = await container
      .resolve(Modules.NOTIFICATION)
      .createNotifications({
        to: original.to,
        from: original.from ?? undefined,
        channel: original.channel,
        template: original.template,
        content,
        data: original.data ?? undefined,
        trigger_type: original.trigger_type ?? "medusa-plugin-autopilot",
        resource_id: original.resource_id ?? undefined,
        resource_type: original.resource_type ?? undefined,
        receiver_id: original.receiver_id ?? undefined,
        original_notification_id: original.id,
        idempotency_key: resendKey,
      })
  } catch (e) {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `Sending ${id} again failed: ${(e as Error).message}`
    )
  }
  let resentId = created?.id
  if (!resentId) {
    const earlier = (await medusaRows(container, [resendKey])).get(resendKey)
    if (earlier?.status !== "success") {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Send ${id} is being sent again already`
      )
    }
    resentId = earlier.id
  }
  return service.updateNotificationSends({
    id: row.id,
    status: "resent",
    resent_notification_id: resentId,
    resent_at: now(),
  })
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
