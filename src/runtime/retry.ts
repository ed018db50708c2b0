import type { MedusaContainer } from "@medusajs/framework/types"
import type { JobName } from "../catalog/jobs"
import type { RetryPolicy } from "../modules/autopilot/options"
import { autopilotService } from "./settings"

const MINUTE = 60_000
/** Each delay is spread ±20 % so items failing together do not retry together. */
export const JITTER = 0.2

/**
 * The wait before the next attempt after `attempts` failures: the first
 * delay, doubled for each further failure, capped, then spread by ±20 %
 * jitter (and capped again). `random` is injectable for tests.
 */
export function backoffDelayMs(
  attempts: number,
  policy: RetryPolicy,
  random: () => number = Math.random
): number {
  const cap = policy.max_delay_minutes * MINUTE
  const base = Math.min(
    policy.first_delay_minutes * MINUTE * 2 ** Math.max(0, attempts - 1),
    cap
  )
  const jittered = base * (1 - JITTER + 2 * JITTER * random())
  return Math.round(Math.min(jittered, cap))
}

export type ItemFailure = { itemId: string; reason: string }

/**
 * Records failed items of a run: each gets one more attempt counted and its
 * next attempt after the back-off, or is given up after the last attempt.
 */
export async function recordItemFailures(
  container: MedusaContainer,
  jobName: JobName,
  runId: string,
  failures: ItemFailure[],
  policy: RetryPolicy,
  at: Date
): Promise<void> {
  if (!failures.length) return
  const service = autopilotService(container)
  const existing = await service.listItemRetries(
    { job_name: jobName, item_id: failures.map((f) => f.itemId) },
    { take: null }
  )
  const byItem = new Map(existing.map((r) => [r.item_id, r]))
  for (const failure of failures) {
    const row = byItem.get(failure.itemId)
    const attempts = (row?.attempts ?? 0) + 1
    const givenUp = attempts >= policy.max_attempts
    const fields = {
      attempts,
      status: givenUp ? ("given_up" as const) : ("failing" as const),
      last_error: failure.reason.slice(0, 2000),
      last_failed_at: at,
      last_run_id: runId,
      next_attempt_at: givenUp
        ? null
        : new Date(at.getTime() + backoffDelayMs(attempts, policy)),
    }
    if (row) {
      await service.updateItemRetries({ id: row.id, ...fields })
    } else {
      await service
        .createItemRetries({
          job_name: jobName,
          item_id: failure.itemId,
          first_failed_at: at,
          ...fields,
        })
        // A concurrent runner recorded it first: its count stands.
        .catch(() => undefined)
    }
  }
}

/** Forgets items that succeeded: they are no longer failing. */
export async function clearItems(
  container: MedusaContainer,
  jobName: JobName,
  itemIds: string[]
): Promise<void> {
  if (!itemIds.length) return
  const service = autopilotService(container)
  const rows = await service.listItemRetries(
    { job_name: jobName, item_id: itemIds },
    { select: ["id"], take: null }
  )
  if (rows.length) await service.deleteItemRetries(rows.map((r) => r.id))
}

/**
 * Which of `itemIds` may be attempted now: not given up, and not waiting
 * for their back-off to pass.
 */
export async function attemptableItems(
  container: MedusaContainer,
  jobName: JobName,
  itemIds: string[],
  at: Date
): Promise<Set<string>> {
  const allowed = new Set(itemIds)
  if (!itemIds.length) return allowed
  const rows = await autopilotService(container).listItemRetries(
    { job_name: jobName, item_id: itemIds },
    { take: null }
  )
  for (const row of rows) {
    const waiting =
      row.next_attempt_at &&
      new Date(row.next_attempt_at).getTime() > at.getTime()
    if (row.status === "given_up" || waiting) allowed.delete(row.item_id)
  }
  return allowed
}
