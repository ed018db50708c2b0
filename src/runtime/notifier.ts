import type {
  Logger,
  MedusaContainer,
  NotificationDTO,
} from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import type { NotificationName } from "../catalog/notifications"
import { isMerchantAlert, NOTIFICATION_NAMES } from "../catalog/notifications"
import { loadBranding, renderMessage } from "../messages"
import type { AutopilotOptions } from "../modules/autopilot/options"
import { now } from "./clock"
import { contactDelay, recordMarketingSend } from "./contact-rules"
import { postMerchantWebhooks } from "./merchant-webhooks"
import { autopilotService } from "./settings"
import type { NotifyInput } from "./types"

const UNSERVED = /Could not find a notification provider for channel/i

/**
 * How long Medusa's notification row may stay `pending` before the plugin
 * calls the send unconfirmed. A send takes seconds; a row still pending
 * after this was left behind by a process that stopped mid-send.
 */
export const UNCONFIRMED_AFTER_MS = 15 * 60_000

/** The run summary action unconfirmed sends are counted under. */
export const UNCONFIRMED_ACTION = "unconfirmed"

/** The run summary action messages waiting for the contact rules are counted under. */
export const DEFERRED_ACTION = "deferred"

export type SendOutcome =
  /** `notificationId` null: a merchant alert posted to webhooks only. */
  | { status: "sent"; notificationId: string | null }
  /**
   * A marketing message that must wait (contact window, per-address cap):
   * not sent, not a failure; the job sends it on a later run.
   */
  | { status: "deferred"; until: Date; reason: string }
  | { status: "already_sent" }
  | {
      status: "failed"
      reason: string
      unservedChannel?: string
      /**
       * Medusa's row for this key is stuck `pending` past the grace period:
       * maybe sent, maybe not. Never counted as sent, never sent again by
       * the plugin by itself; the merchant can send it again.
       */
      unconfirmed?: { sendId: string }
      /** Medusa's row for this key is `pending` within the grace period. */
      inFlight?: boolean
    }

/** Who sends: a job's run, or nothing (a webhook, a workflow step). */
export type SendSource = { jobName?: string | null; runId?: string | null }

type SendRow = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["retrieveNotificationSend"]>
>

/** Medusa's notification rows for these idempotency keys, by key. */
async function medusaRows(
  container: MedusaContainer,
  keys: string[]
): Promise<Map<string, NotificationDTO>> {
  if (!keys.length) return new Map()
  const rows = await container.resolve(Modules.NOTIFICATION).listNotifications(
    // The module filters on idempotency_key (it does so itself before a
    // send); the filter type does not list it.
    { idempotency_key: keys } as Record<string, unknown>,
    { take: null }
  )
  const byKey = new Map<string, NotificationDTO>()
  for (const row of rows) {
    const key = (row as { idempotency_key?: string | null }).idempotency_key
    if (key) byKey.set(key, row)
  }
  return byKey
}

/** Writes the plugin's "sending" record for a key, unless it has one. */
async function recordSending(
  container: MedusaContainer,
  input: NotifyInput,
  source: SendSource
): Promise<SendRow | null> {
  const service = autopilotService(container)
  const [existing] = await service.listNotificationSends(
    { idempotency_key: input.idempotencyKey },
    { take: 1 }
  )
  if (existing) return existing
  try {
    await service.createNotificationSends({
      idempotency_key: input.idempotencyKey,
      name: input.name,
      job_name: source.jobName ?? null,
      run_id: source.runId ?? null,
      item_id: input.itemId,
      status: "sending",
      started_at: now(),
    })
  } catch {
    // Another process recorded the same key at the same moment: its row
    // stands for both.
  }
  return null
}

async function forgetSending(container: MedusaContainer, key: string) {
  const service = autopilotService(container)
  const rows = await service.listNotificationSends(
    { idempotency_key: key, status: "sending" },
    { select: ["id"], take: null }
  )
  if (rows.length) await service.deleteNotificationSends(rows.map((r) => r.id))
}

function unconfirmedOutcome(row: { id: string }, since: Date): SendOutcome {
  return {
    status: "failed",
    reason: `unconfirmed: Medusa's notification is still pending since ${since.toISOString()}; not counted as sent, not sent again (the merchant can send it again)`,
    unconfirmed: { sendId: row.id },
  }
}

/**
 * Marks the plugin's "sending" records older than the grace period whose
 * Medusa row is still `pending` as unconfirmed, and drops those Medusa has
 * settled (sent, failed) or never saved. Returns the records that became
 * unconfirmed now. Reads Medusa's rows only through its module service.
 */
export async function markUnconfirmedSends(
  container: MedusaContainer,
  filter: { jobName?: string } = {}
): Promise<SendRow[]> {
  const service = autopilotService(container)
  const cutoff = new Date(now().getTime() - UNCONFIRMED_AFTER_MS)
  const stale = await service.listNotificationSends(
    {
      status: "sending",
      started_at: { $lte: cutoff },
      ...(filter.jobName ? { job_name: filter.jobName } : {}),
    },
    { order: { started_at: "ASC" }, take: 500 }
  )
  if (!stale.length) return []
  const medusa = await medusaRows(
    container,
    stale.map((r) => r.idempotency_key)
  )
  const settled: string[] = []
  const marked: SendRow[] = []
  for (const row of stale) {
    const found = medusa.get(row.idempotency_key)
    if (found?.status !== "pending") {
      settled.push(row.id)
      continue
    }
    marked.push(
      await service.updateNotificationSends({
        id: row.id,
        status: "unconfirmed",
        notification_id: found.id,
        unconfirmed_at: now(),
      })
    )
  }
  if (settled.length) await service.deleteNotificationSends(settled)
  return marked
}

type ContentOptions = Pick<
  AutopilotOptions,
  | "contactWindow"
  | "marketingCap"
  | "merchantWebhooks"
  | "merchantEmail"
  | "notificationChannel"
  | "templates"
  | "storefrontUrl"
  | "branding"
  | "defaultLocale"
  | "messages"
>

/**
 * Whether the merchant mapped a message to a template of their provider
 * (the `templates` option). Unmapped, the template is the message's name.
 */
export function hasProviderTemplate(
  options: Pick<AutopilotOptions, "templates">,
  name: NotificationName
): boolean {
  const template = options.templates[name]
  return !!template && template !== name
}

/**
 * The ready content (subject, HTML, text) of a message the merchant did
 * not map to a provider template; undefined for a mapped one. A message
 * that cannot be rendered goes out without content (the data is still
 * there for a template-based provider), and the reason is logged.
 */
export async function messageContent(
  container: MedusaContainer,
  options: ContentOptions,
  name: NotificationName,
  data: Record<string, unknown>
): Promise<{ subject: string; html: string; text: string } | undefined> {
  if (hasProviderTemplate(options, name)) return undefined
  try {
    const rendered = await renderMessage({
      name,
      data,
      branding: await loadBranding(container, options),
      storefrontUrl: options.storefrontUrl,
      overrides: options.messages,
      defaultLocale: options.defaultLocale,
    })
    return {
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
    }
  } catch (e) {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .warn(
        `autopilot: ${name} could not be rendered; sent without content: ${(e as Error).message}`
      )
    return undefined
  }
}

/**
 * Sends one message through Medusa's Notification module. One recipient per
 * call: the module fails a whole batch when one send fails, and a failed
 * send must cost only its own item. The idempotency key makes a re-run after
 * a crash skip what was already sent (a key whose send failed is retried).
 *
 * The plugin records the send before handing it to Medusa and drops the
 * record once Medusa answers. A key Medusa skips is looked up: sent
 * (`success`) is "already sent"; still `pending` — the process that sent
 * it stopped before the provider answered — is never counted as sent: it
 * is "in flight" for {@link UNCONFIRMED_AFTER_MS}, then unconfirmed.
 */
export async function sendNotification(
  container: MedusaContainer,
  options: ContentOptions,
  input: NotifyInput,
  source: SendSource = {}
): Promise<SendOutcome> {
  if (isMerchantAlert(input.name)) {
    // Webhooks as well as email; a webhook's failure costs only itself.
    const hooks = await postMerchantWebhooks(container, options, {
      name: input.name,
      idempotencyKey: input.idempotencyKey,
      data: input.data,
    })
    if (!input.to) {
      return hooks.failed.length
        ? { status: "failed", reason: hooks.failed.join("; ") }
        : { status: "sent", notificationId: null }
    }
  }
  const wait = await contactDelay(container, options, input, now())
  if (wait) return { status: "deferred", ...wait }
  const recorded = await recordSending(container, input, source)
  if (recorded?.status === "unconfirmed") {
    return unconfirmedOutcome(recorded, recorded.started_at)
  }
  if (recorded?.status === "resent") return { status: "already_sent" }

  const notifications = container.resolve(Modules.NOTIFICATION)
  let created
  try {
    created = await notifications.createNotifications({
      to: input.to,
      channel: options.notificationChannel,
      template: options.templates[input.name],
      // The ready message, unless the merchant mapped a provider template.
      content: await messageContent(container, options, input.name, input.data),
      data: { ...input.data, notification_name: input.name },
      idempotency_key: input.idempotencyKey,
      trigger_type: "medusa-plugin-autopilot",
      resource_id: input.resourceId,
      resource_type: input.resourceType,
      receiver_id: input.receiverId,
    })
  } catch (e) {
    await forgetSending(container, input.idempotencyKey)
    const reason = (e as Error).message
    return {
      status: "failed",
      reason,
      unservedChannel: UNSERVED.test(reason)
        ? options.notificationChannel
        : undefined,
    }
  }
  if (created) {
    await forgetSending(container, input.idempotencyKey)
    await recordMarketingSend(container, options, input, now())
    return { status: "sent", notificationId: created.id }
  }
  // The module returns nothing for a key it holds already: look at its row.
  const existing = (await medusaRows(container, [input.idempotencyKey])).get(
    input.idempotencyKey
  )
  if (existing?.status !== "pending") {
    await forgetSending(container, input.idempotencyKey)
    return { status: "already_sent" }
  }
  if (
    !recorded ||
    now().getTime() - new Date(recorded.started_at).getTime() <
      UNCONFIRMED_AFTER_MS
  ) {
    const since = recorded?.started_at ?? now()
    return {
      status: "failed",
      reason: `in flight: Medusa's notification is pending since ${new Date(since).toISOString()}; not counted as sent`,
      inFlight: true,
    }
  }
  const marked = await autopilotService(container).updateNotificationSends({
    id: recorded.id,
    status: "unconfirmed",
    notification_id: existing.id,
    unconfirmed_at: now(),
  })
  return unconfirmedOutcome(marked, recorded.started_at)
}

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
