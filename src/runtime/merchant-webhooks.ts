import { createHash } from "node:crypto"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import axios from "axios"
import type { MerchantAlertName } from "../catalog/notifications"
import { loadBranding, renderMessage } from "../messages"
import type { AutopilotOptions } from "../modules/autopilot/options"
import { now } from "./clock"
import { autopilotService } from "./settings"

/** A webhook gets this long to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000

type WebhookOptions = Pick<
  AutopilotOptions,
  | "merchantWebhooks"
  | "merchantEmail"
  | "storefrontUrl"
  | "branding"
  | "defaultLocale"
  | "messages"
>

/** Whether merchant alerts go anywhere: an email, or at least one webhook. */
export function merchantAlertsOn(options: WebhookOptions): boolean {
  return !!options.merchantEmail || options.merchantWebhooks.length > 0
}

/** Who a merchant alert is sent to: the email, "" for webhooks only, or null for nobody. */
export function merchantTo(options: WebhookOptions): string | null {
  return merchantAlertsOn(options) ? (options.merchantEmail ?? "") : null
}

/** The webhooks that want this alert. */
export function webhooksFor(
  options: Pick<AutopilotOptions, "merchantWebhooks">,
  name: MerchantAlertName
): { url: string }[] {
  return options.merchantWebhooks.filter(
    (h) => !h.alerts || h.alerts.includes(name)
  )
}

/**
 * The JSON a webhook gets: Slack shows `text` (the alert's subject in bold,
 * then its plain-text message); other receivers read `alert` and `data`.
 */
export function webhookBody(
  name: MerchantAlertName,
  message: { subject: string; text: string } | null,
  data: Record<string, unknown>
): { text: string; alert: MerchantAlertName; data: Record<string, unknown> } {
  const text = message
    ? `*${message.subject}*\n${message.text}`
    : String(data.subject ?? name)
  return { text, alert: name, data }
}

/** Where a webhook posts, for logs: the host only (Slack keeps its secret in the path). */
function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return "an invalid URL"
  }
}

/**
 * Posts a merchant alert to every webhook that wants it, once per alert
 * (idempotency key) and webhook: a posted one is recorded in the plugin's
 * state, so a re-run does not post it again; a failed one is tried again
 * with the next call for the same key. Failures are returned (and logged
 * with the webhook's host, never its URL) and never throw.
 */
export async function postMerchantWebhooks(
  container: MedusaContainer,
  options: WebhookOptions,
  input: {
    name: MerchantAlertName
    idempotencyKey: string
    data: Record<string, unknown>
  }
): Promise<{ posted: number; failed: string[] }> {
  const hooks = webhooksFor(options, input.name)
  const out = { posted: 0, failed: [] as string[] }
  if (!hooks.length) return out
  const service = autopilotService(container)
  let message: { subject: string; text: string } | null = null
  try {
    message = await renderMessage({
      name: input.name,
      data: input.data,
      branding: await loadBranding(container, options),
      storefrontUrl: options.storefrontUrl,
      overrides: options.messages,
      defaultLocale: options.defaultLocale,
    })
  } catch {
    // The body falls back to the alert's subject.
  }
  const body = webhookBody(input.name, message, input.data)
  for (const hook of hooks) {
    const digest = createHash("sha256").update(hook.url).digest("hex")
    const key = `merchant-webhook:${digest.slice(0, 16)}:${input.idempotencyKey}`
    if ((await service.listStates({ key }, { take: 1 })).length) continue
    try {
      await axios.post(hook.url, body, {
        timeout: WEBHOOK_TIMEOUT_MS,
        maxRedirects: 0,
        maxContentLength: 64 * 1024,
        headers: { "content-type": "application/json" },
        validateStatus: (status) => status >= 200 && status < 300,
      })
      await service
        .createStates({ key, value: { posted_at: now().toISOString() } })
        .catch(() => undefined) // posted at the same moment elsewhere
      out.posted += 1
    } catch (e) {
      const status = (e as { response?: { status?: number } }).response?.status
      const reason = `webhook at ${hostOf(hook.url)} failed: ${
        status ? `HTTP ${status}` : (e as Error).message
      }`
      out.failed.push(reason)
      container
        .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
        .warn(`autopilot: ${input.name} ${reason}`)
    }
  }
  return out
}
