import type {
  Logger,
  MedusaContainer,
  NotificationDTO,
} from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { NotificationName } from "../catalog/notifications"
import { loadBranding, renderMessage } from "../messages"
import type { AutopilotOptions } from "../modules/autopilot/options"
import { now } from "./clock"
import { autopilotService } from "./settings"

/**
 * What the notifier shares between its one-message and batch paths and the
 * unconfirmed-sends view: the outcome type, Medusa's rows by idempotency
 * key, the "sending" records, and message content.
 */

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

export type SendRow = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["retrieveNotificationSend"]>
>

/** Medusa's notification rows for these idempotency keys, by key. */
export async function medusaRows(
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

/**
 * The part of the module's aggregated error about one notification id
 * ("Failed to send notification with id …:\n<provider's message>").
 */
export function failureReason(message: string, notificationId: string) {
  const parts = message.split(
    /(?=Failed to send notification with id |Could not find a notification provider |Notification provider \S+ is not enabled)/
  )
  const own = parts.find((p) => p.includes(notificationId))
  if (!own) return message
  return own.replace(/^Failed to send notification with id \S+:\s*/, "").trim()
}

export function unconfirmedOutcome(
  row: { id: string },
  since: Date
): SendOutcome {
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

/** The shop's branding as messages are rendered with it. */
export type Branding = Awaited<ReturnType<typeof loadBranding>>

export type ContentOptions = Pick<
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
> &
  Partial<Pick<AutopilotOptions, "notificationBatchSize">>

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
  data: Record<string, unknown>,
  /** The shop's branding when the caller loaded it once for many messages. */
  branding?: Branding
): Promise<{ subject: string; html: string; text: string } | undefined> {
  if (hasProviderTemplate(options, name)) return undefined
  try {
    const rendered = await renderMessage({
      name,
      data,
      branding: branding ?? (await loadBranding(container, options)),
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

/** What React writes for a text or attribute value (it escapes these five). */
function htmlEscaped(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;")
}

/** Personal values long enough to be found again in a rendered message. */
const personalFields = (input: ContentInput) =>
  (input.personal ?? []).filter(
    (f) => typeof input.data[f] === "string" && input.data[f].length >= 16
  )

type Content = { subject: string; html: string; text: string } | undefined
type ContentInput = {
  name: NotificationName
  data: Record<string, unknown>
  /** Fields of `data` unique to the recipient (links with tokens). */
  personal?: string[]
}

/**
 * {@link messageContent} for many messages: messages that differ only in
 * their `personal` fields (links with tokens) are rendered once, and the
 * first one's personal values replaced by each other's in the output. The
 * second message of each such group is also rendered on its own and must
 * come out identical, else the group is rendered message by message.
 */
export async function batchContent(
  container: MedusaContainer,
  options: ContentOptions,
  inputs: ContentInput[],
  branding: Branding
): Promise<Content[]> {
  const render = (input: ContentInput) =>
    messageContent(container, options, input.name, input.data, branding)
  const groups = new Map<string, number[]>()
  inputs.forEach((input, n) => {
    const fields = personalFields(input)
    const shared = { ...input.data }
    for (const f of fields) delete shared[f]
    const key = JSON.stringify([input.name, fields, shared])
    groups.set(key, [...(groups.get(key) ?? []), n])
  })
  const out: Content[] = inputs.map(() => undefined)
  for (const members of groups.values()) {
    const first = inputs[members[0]]
    const own = await render(first)
    out[members[0]] = own
    if (members.length === 1) continue
    const fields = personalFields(first)
    const fill = (data: Record<string, unknown>): Content => {
      if (!own) return undefined
      const put = (s: string, html: boolean) =>
        fields.reduce((acc, f) => {
          const from = first.data[f] as string
          const to = data[f] as string
          return html
            ? acc.split(htmlEscaped(from)).join(htmlEscaped(to))
            : acc.split(from).join(to)
        }, s)
      return {
        subject: put(own.subject, false),
        html: put(own.html, true),
        text: put(own.text, false),
      }
    }
    const second = inputs[members[1]]
    const check = await render(second)
    out[members[1]] = check
    const same = JSON.stringify(fill(second.data)) === JSON.stringify(check)
    for (const n of members.slice(2)) {
      out[n] = same ? fill(inputs[n].data) : await render(inputs[n])
    }
  }
  return out
}
