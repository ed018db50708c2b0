import { intervalMs } from "../catalog/schedule"
import { blockedReason, type EffectiveJobSetting } from "./settings"
import { TICK_MS } from "./tick"

/**
 * Whether a job that should be running has gone quiet: no success for twice
 * its interval (or twice the tick, for schedules faster than the tick).
 * A job switched off or paused is never stale.
 */
export function isStale(setting: EffectiveJobSetting, at: Date): boolean {
  if (blockedReason(setting, at)) return false
  const since = setting.row.last_success_at ?? setting.row.created_at
  const gap = Math.max(intervalMs(setting.schedule, at), TICK_MS)
  return at.getTime() - new Date(since).getTime() > 2 * gap
}
