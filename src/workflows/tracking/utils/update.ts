import { createHash } from "node:crypto"
import {
  applyEvents,
  type CanonicalStatus,
  isTerminal,
  type TrackingEvent,
} from "../../../carriers"
import type { ShipmentEventSource } from "../../../types"
import { latenessAfterEvent } from "./lateness"

const HOUR = 3_600_000

/** What a shipment row holds that an update reads. */
export type ShipmentSnapshot = {
  id: string
  status: CanonicalStatus
  progress_status: CanonicalStatus
  last_event_at: Date | null
  last_checked_at: Date | null
  started_at: Date
  tracking_url: string | null
  carrier: string | null
  /** The estimate stored so far; the latest carrier answer replaces it. */
  estimated_delivery_at?: Date | null
  /** Late or stuck so far (see `./lateness`). */
  lateness?: "delayed" | "stalled" | null
  /** The carrier's latest event of any kind stored so far. */
  last_carrier_event_at?: Date | null
}

export type PlannedEvent = TrackingEvent & {
  dedupe_key: string
  applied: boolean
}

export type ShipmentPatch = {
  status?: CanonicalStatus
  progress_status?: CanonicalStatus
  raw_status?: string
  raw_message?: string | null
  last_event_at?: Date | null
  last_checked_at?: Date
  next_check_at: Date | null
  delivered_at?: Date
  notify_pending?: boolean
  tracking_url?: string
  carrier?: string
  estimated_delivery_at?: Date
  lateness?: null
  late_since?: null
  last_carrier_event_at?: Date
}

/** Statuses someone is told about (customer or merchant). */
export const NOTIFIED_STATUSES: readonly CanonicalStatus[] = [
  "out_for_delivery",
  "delivered",
  "attempt_failed",
  "exception",
  "returned_to_sender",
]

/** One key per distinct carrier event: the same event replayed has the same key. */
export function dedupeKey(event: TrackingEvent): string {
  return createHash("sha1")
    .update(
      [
        event.status,
        event.raw_status,
        event.occurred_at.toISOString(),
        event.message ?? "",
      ].join("|")
    )
    .digest("hex")
}

/**
 * When to poll next: the status's quiet window after the last sign of life
 * (the carrier's last event, our last check, or the shipping date). Null once
 * terminal.
 */
export function nextCheckAt(
  status: CanonicalStatus,
  quietHours: Partial<Record<CanonicalStatus, number>>,
  marks: {
    last_event_at: Date | null
    last_checked_at: Date | null
    started_at: Date
  }
): Date | null {
  if (isTerminal(status)) return null
  const base = Math.max(
    (marks.last_event_at ?? marks.started_at).getTime(),
    marks.last_checked_at?.getTime() ?? 0
  )
  return new Date(base + (quietHours[status] ?? 12) * HOUR)
}

/**
 * Whether an update's delivery estimate may replace the stored one. A poll
 * answers with the carrier's state now, so its estimate is current. A
 * webhook may arrive late or be replayed: its estimate counts only when its
 * newest event is at least as new as the newest the shipment has seen, so a
 * replayed old webhook cannot put back an estimate the carrier has since
 * changed. A webhook without events cannot be placed in time; its estimate
 * counts.
 */
export function estimateIsCurrent(
  shipment: Pick<ShipmentSnapshot, "last_event_at" | "last_carrier_event_at">,
  incoming: TrackingEvent[],
  source: Exclude<ShipmentEventSource, "system">
): boolean {
  if (source === "poll" || !incoming.length) return true
  const newest = Math.max(...incoming.map((e) => e.occurred_at.getTime()))
  const seen = Math.max(
    shipment.last_carrier_event_at?.getTime() ?? -Infinity,
    shipment.last_event_at?.getTime() ?? -Infinity
  )
  return newest >= seen
}

/**
 * What an update (a poll answer or a webhook) does to a shipment: which of
 * its events are new (a replay is recognised by key and ignored), which of
 * those move the shipment (forward-only), and the shipment's new fields. A
 * repeat of the current status is not stored; an out-of-order event is
 * stored as not applied, so the timeline shows it.
 */
export function planUpdate(
  shipment: ShipmentSnapshot,
  incoming: TrackingEvent[],
  known: Set<string>,
  options: {
    source: Exclude<ShipmentEventSource, "system">
    now: Date
    quietHours: Partial<Record<CanonicalStatus, number>>
    tracking_url?: string | null
    carrier?: string | null
    /** The carrier's current estimate; none given keeps the last one. */
    estimated_delivery?: Date | null
  }
): { events: PlannedEvent[]; patch: ShipmentPatch; changed: boolean } {
  const seen = new Set(known)
  const fresh: (TrackingEvent & { dedupe_key: string })[] = []
  for (const event of incoming) {
    const key = dedupeKey(event)
    if (seen.has(key)) continue
    seen.add(key)
    fresh.push({ ...event, dedupe_key: key })
  }
  const start = {
    status: shipment.status,
    progress_status: shipment.progress_status,
    last_event_at: shipment.last_event_at,
  }
  const { state, applied } = applyEvents(start, fresh)
  const events: PlannedEvent[] = fresh
    .map((e) => ({ ...e, applied: applied.has(e) }))
    .filter((e) => e.applied || e.status !== shipment.status)

  const changed = state.status !== shipment.status
  const lastApplied = fresh
    .filter((e) => applied.has(e))
    .sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime())
    .pop()
  const lastChecked =
    options.source === "poll" ? options.now : shipment.last_checked_at
  const patch: ShipmentPatch = {
    next_check_at: nextCheckAt(state.status, options.quietHours, {
      last_event_at: state.last_event_at,
      last_checked_at: lastChecked,
      started_at: shipment.started_at,
    }),
  }
  if (options.source === "poll") patch.last_checked_at = options.now
  if (!shipment.tracking_url && options.tracking_url) {
    patch.tracking_url = options.tracking_url
  }
  if (!shipment.carrier && options.carrier) patch.carrier = options.carrier
  if (
    options.estimated_delivery &&
    options.estimated_delivery.getTime() !==
      shipment.estimated_delivery_at?.getTime() &&
    estimateIsCurrent(shipment, incoming, options.source)
  ) {
    patch.estimated_delivery_at = options.estimated_delivery
  }
  if (lastApplied) {
    patch.status = state.status
    patch.progress_status = state.progress_status
    patch.raw_status = lastApplied.raw_status
    patch.raw_message = lastApplied.message
    patch.last_event_at = state.last_event_at
    if (state.status === "delivered")
      patch.delivered_at = lastApplied.occurred_at
    if (changed && NOTIFIED_STATUSES.includes(state.status)) {
      patch.notify_pending = true
    }
  }
  // Any event later than the latest seen (a scan in the same status too) is
  // news: it clears "stalled"; delivery clears "delayed" too.
  const newest = Math.max(...fresh.map((e) => e.occurred_at.getTime()))
  const news =
    fresh.length > 0 &&
    !isTerminal(state.status) &&
    newest > (shipment.last_carrier_event_at?.getTime() ?? -Infinity) &&
    newest >= (shipment.last_event_at?.getTime() ?? -Infinity)
  if (news) patch.last_carrier_event_at = new Date(newest)
  const cleared = latenessAfterEvent(
    { lateness: shipment.lateness ?? null },
    patch.status ?? shipment.status,
    news
  )
  if (cleared) {
    patch.lateness = null
    patch.late_since = null
  }
  return { events, patch, changed }
}
