import type { CanonicalStatus, TrackingEvent } from "./types"

/**
 * Progress along the normal path of a parcel. A progress status never gives
 * way to a lower one: an old or out-of-order event cannot move a shipment back.
 */
const PROGRESS_RANK: Partial<Record<CanonicalStatus, number>> = {
  pending: 0,
  info_received: 1,
  in_transit: 2,
  available_for_pickup: 3,
  out_for_delivery: 3,
  delivered: 4,
}

/** Problems on the way: they hold until newer progress comes (a retry, a re-route). */
export const PROBLEM_STATUSES: readonly CanonicalStatus[] = [
  "attempt_failed",
  "exception",
]

/** No carrier event moves a shipment out of these. */
export const TERMINAL_STATUSES: readonly CanonicalStatus[] = [
  "delivered",
  "returned_to_sender",
  "expired",
]

export function isTerminal(status: CanonicalStatus): boolean {
  return TERMINAL_STATUSES.includes(status)
}

export function progressRank(status: CanonicalStatus): number {
  return PROGRESS_RANK[status] ?? -1
}

/** Where a shipment stands, as far as the forward-only rule needs to know. */
export type ShipmentState = {
  status: CanonicalStatus
  /** The furthest progress status reached (problems do not count). */
  progress_status: CanonicalStatus
  /** When the event behind the current status happened (null: none yet). */
  last_event_at: Date | null
}

export type Decision = { apply: boolean; reason: string }

/**
 * Whether one event moves a shipment, by the forward-only rule:
 *
 * - nothing moves a terminal shipment (delivered, returned, expired);
 * - a progress status applies when it is further along than any reached
 *   before, whatever its time (carriers deliver events out of order), or —
 *   after a problem — when it is newer than the problem (progress resumed);
 * - a problem (`attempt_failed`, `exception`) and `returned_to_sender` apply
 *   only when newer than the current status's event;
 * - `pending` and `expired` reported by a carrier never move a shipment that
 *   has started (expiry is decided by the plugin's `max_tracking_days`).
 */
export function decide(state: ShipmentState, event: TrackingEvent): Decision {
  if (isTerminal(state.status)) {
    return { apply: false, reason: `the shipment is already ${state.status}` }
  }
  if (event.status === state.status) {
    return { apply: false, reason: "same status" }
  }
  const newer =
    !state.last_event_at ||
    event.occurred_at.getTime() >= state.last_event_at.getTime()
  if (event.status === "expired") {
    return { apply: false, reason: "expiry is decided by max_tracking_days" }
  }
  if (
    PROBLEM_STATUSES.includes(event.status) ||
    event.status === "returned_to_sender"
  ) {
    return newer
      ? { apply: true, reason: "newer problem" }
      : { apply: false, reason: "older than the current status" }
  }
  const rank = progressRank(event.status)
  const reached = progressRank(state.progress_status)
  if (rank > reached) return { apply: true, reason: "further along" }
  if (
    rank === reached &&
    rank > 0 &&
    PROBLEM_STATUSES.includes(state.status) &&
    newer
  ) {
    return { apply: true, reason: "progress resumed after a problem" }
  }
  return { apply: false, reason: "not further along than before" }
}

/** A shipment's state after an event was applied. */
export function advance(
  state: ShipmentState,
  event: TrackingEvent
): ShipmentState {
  const rank = progressRank(event.status)
  return {
    status: event.status,
    progress_status:
      rank > progressRank(state.progress_status)
        ? event.status
        : state.progress_status,
    last_event_at:
      !state.last_event_at || event.occurred_at > state.last_event_at
        ? event.occurred_at
        : state.last_event_at,
  }
}

/**
 * Applies events in the order they happened and returns the final state and
 * which events moved the shipment. Events at the same time keep the order of
 * progress (a carrier that stamps "out for delivery" and "delivered" alike).
 */
export function applyEvents(
  start: ShipmentState,
  events: TrackingEvent[]
): { state: ShipmentState; applied: Set<TrackingEvent> } {
  const sorted = [...events].sort(
    (a, b) =>
      a.occurred_at.getTime() - b.occurred_at.getTime() ||
      progressRank(a.status) - progressRank(b.status)
  )
  let state = start
  const applied = new Set<TrackingEvent>()
  for (const event of sorted) {
    if (decide(state, event).apply) {
      state = advance(state, event)
      applied.add(event)
    }
  }
  return { state, applied }
}
