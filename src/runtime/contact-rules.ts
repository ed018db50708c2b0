import { createHash } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { NotificationName } from "../catalog/notifications"
import { messageInfo } from "../messages"
import type { AutopilotOptions } from "../modules/autopilot/options"
import { autopilotService } from "./settings"

const MINUTE = 60_000
const DAY_MINUTES = 24 * 60

export type ContactWindow = NonNullable<AutopilotOptions["contactWindow"]>
export type MarketingCap = NonNullable<AutopilotOptions["marketingCap"]>

/** "08:30" → 510 minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number)
  return h * 60 + m
}

/** Minutes after midnight at `at` in `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at)
  const get = (type: string) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0)
  return get("hour") * 60 + get("minute")
}

/**
 * How long a marketing message must wait for the shop's contact window:
 * 0 inside it, else the minutes (as ms) until it opens. A window whose end
 * is before its start spans midnight (22:00–06:00). Daylight-saving days
 * may shift the wait by the hour the clock jumps.
 */
export function windowWait(window: ContactWindow, at: Date): number {
  const now = localMinutes(at, window.time_zone)
  const start = minutesOf(window.start)
  const end = minutesOf(window.end)
  const inside =
    start <= end ? now >= start && now < end : now >= start || now < end
  if (inside) return 0
  const until = (start - now + DAY_MINUTES) % DAY_MINUTES
  return until * MINUTE
}

/**
 * How long a marketing message to one address must wait under the cap (at
 * most `max` marketing messages per `per_hours`): 0 when fewer went out in
 * the window, else until the oldest of the last `max` leaves it.
 */
export function capWait(sentAt: Date[], cap: MarketingCap, at: Date): number {
  const span = cap.per_hours * 60 * MINUTE
  const recent = sentAt
    .map((d) => d.getTime())
    .filter((t) => t > at.getTime() - span)
    .sort((a, b) => b - a)
  if (recent.length < cap.max) return 0
  return recent[cap.max - 1] + span - at.getTime()
}

/** Whether the contact rules apply to a message: marketing only. */
export function isMarketing(name: NotificationName): boolean {
  return messageInfo(name).kind === "marketing"
}

type SendLog = { sent: { at: string; key: string }[] }

/** The plugin's state key for an address's marketing sends (hashed: no email in keys). */
export function marketingLogKey(to: string): string {
  const digest = createHash("sha256")
    .update(to.trim().toLowerCase())
    .digest("hex")
  return `marketing-sends:${digest.slice(0, 40)}`
}

/**
 * Records that a marketing message went out to `to` (for the cap), keeping
 * only the sends still inside the cap's span. Read and written through the
 * plugin's own state, on the plugin's clock.
 */
export async function recordMarketingSend(
  container: MedusaContainer,
  options: Pick<AutopilotOptions, "marketingCap">,
  input: { name: NotificationName; to: string; idempotencyKey: string },
  at: Date
): Promise<void> {
  const cap = options.marketingCap
  if (!cap || !input.to || !isMarketing(input.name)) return
  const service = autopilotService(container)
  const key = marketingLogKey(input.to)
  const span = cap.per_hours * 60 * MINUTE
  const [row] = await service.listStates({ key }, { take: 1 })
  const kept = ((row?.value as SendLog | undefined)?.sent ?? []).filter(
    (s) => new Date(s.at).getTime() > at.getTime() - span
  )
  const value = {
    sent: [...kept, { at: at.toISOString(), key: input.idempotencyKey }],
  }
  if (row) await service.updateStates({ id: row.id, value })
  else await service.createStates({ key, value }).catch(() => undefined)
}

/**
 * Why a marketing message must wait, or null to send it now: outside the
 * contact window, or over the per-address cap (counted from the plugin's
 * record of marketing sends per address, the message's own earlier send
 * excluded). Transactional messages never wait.
 */
export async function contactDelay(
  container: MedusaContainer,
  options: Pick<AutopilotOptions, "contactWindow" | "marketingCap">,
  input: { name: NotificationName; to: string; idempotencyKey: string },
  at: Date
): Promise<{ until: Date; reason: string } | null> {
  if (!isMarketing(input.name)) return null
  if (options.contactWindow) {
    const wait = windowWait(options.contactWindow, at)
    if (wait > 0) {
      return {
        until: new Date(at.getTime() + wait),
        reason: `outside the contact window (${options.contactWindow.start}–${options.contactWindow.end} ${options.contactWindow.time_zone})`,
      }
    }
  }
  if (options.marketingCap && input.to) {
    const cap = options.marketingCap
    const [row] = await autopilotService(container).listStates(
      { key: marketingLogKey(input.to) },
      { take: 1 }
    )
    // This message's own earlier send does not count against it.
    const sent = ((row?.value as SendLog | undefined)?.sent ?? []).filter(
      (s) => s.key !== input.idempotencyKey
    )
    const wait = capWait(
      sent.map((s) => new Date(s.at)),
      cap,
      at
    )
    if (wait > 0) {
      return {
        until: new Date(at.getTime() + wait),
        reason: `the address had ${cap.max} marketing message${cap.max === 1 ? "" : "s"} in the last ${cap.per_hours} h`,
      }
    }
  }
  return null
}

type ContactInput = {
  name: NotificationName
  to: string
  idempotencyKey: string
}

/** The marketing send logs of these addresses, by address, in one read. */
async function sendLogs(
  container: MedusaContainer,
  addresses: string[]
): Promise<Map<string, { id: string; value: SendLog }>> {
  const keys = [...new Set(addresses.map(marketingLogKey))]
  if (!keys.length) return new Map()
  const rows = await autopilotService(container).listStates(
    { key: keys },
    { take: null }
  )
  return new Map(
    rows.map((r) => [r.key, { id: r.id, value: r.value as unknown as SendLog }])
  )
}

/**
 * {@link contactDelay} for many messages at once, in order, with one read of
 * the send logs: a message counts the earlier messages of the same list to
 * its address as sent (if one of them then fails, a later one waited for
 * nothing, never the other way round). Null: send now.
 */
export async function contactDelays(
  container: MedusaContainer,
  options: Pick<AutopilotOptions, "contactWindow" | "marketingCap">,
  inputs: ContactInput[],
  at: Date
): Promise<({ until: Date; reason: string } | null)[]> {
  const marketing = inputs.map((i) => isMarketing(i.name))
  if (!marketing.some(Boolean)) return inputs.map(() => null)
  if (options.contactWindow && windowWait(options.contactWindow, at) > 0) {
    // The window is the same for every message: ask once.
    const first = inputs.find((_, n) => marketing[n])!
    const wait = await contactDelay(container, options, first, at)
    return inputs.map((_, i) => (marketing[i] ? wait : null))
  }
  const cap = options.marketingCap
  if (!cap) return inputs.map(() => null)
  const logs = await sendLogs(
    container,
    inputs.filter((i, n) => marketing[n] && i.to).map((i) => i.to)
  )
  const extra = new Map<string, { at: string; key: string }[]>()
  return inputs.map((input, n) => {
    if (!marketing[n] || !input.to) return null
    const logKey = marketingLogKey(input.to)
    const earlier = [
      ...(logs.get(logKey)?.value?.sent ?? []),
      ...(extra.get(logKey) ?? []),
    ].filter((s) => s.key !== input.idempotencyKey)
    const wait = capWait(
      earlier.map((s) => new Date(s.at)),
      cap,
      at
    )
    if (wait > 0) {
      return {
        until: new Date(at.getTime() + wait),
        reason: `the address had ${cap.max} marketing message${cap.max === 1 ? "" : "s"} in the last ${cap.per_hours} h`,
      }
    }
    extra.set(logKey, [
      ...(extra.get(logKey) ?? []),
      { at: at.toISOString(), key: input.idempotencyKey },
    ])
    return null
  })
}

/**
 * {@link recordMarketingSend} for many sent messages: one read of the logs,
 * one write for the logs that exist and one for the new ones.
 */
export async function recordMarketingSends(
  container: MedusaContainer,
  options: Pick<AutopilotOptions, "marketingCap">,
  inputs: ContactInput[],
  at: Date
): Promise<void> {
  const cap = options.marketingCap
  const sent = inputs.filter((i) => i.to && isMarketing(i.name))
  if (!cap || !sent.length) return
  const span = cap.per_hours * 60 * MINUTE
  const logs = await sendLogs(
    container,
    sent.map((i) => i.to)
  )
  const next = new Map<string, { at: string; key: string }[]>()
  for (const input of sent) {
    const key = marketingLogKey(input.to)
    const kept =
      next.get(key) ??
      (logs.get(key)?.value?.sent ?? []).filter(
        (s) => new Date(s.at).getTime() > at.getTime() - span
      )
    next.set(key, [
      ...kept,
      { at: at.toISOString(), key: input.idempotencyKey },
    ])
  }
  const service = autopilotService(container)
  const updates = [...next]
    .filter(([key]) => logs.has(key))
    .map(([key, list]) => ({ id: logs.get(key)!.id, value: { sent: list } }))
  const creates = [...next]
    .filter(([key]) => !logs.has(key))
    .map(([key, list]) => ({ key, value: { sent: list } }))
  if (updates.length) await service.updateStates(updates)
  if (creates.length) {
    await service.createStates(creates).catch(async () => {
      // Another process wrote one of these logs at the same moment.
      for (const row of creates) {
        await service.createStates(row).catch(() => undefined)
      }
    })
  }
}
