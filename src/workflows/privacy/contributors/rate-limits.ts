import { hashSubject } from "../../../lib/tokens"
import {
  eraseLimitCountersOf,
  limitCountersOf,
} from "../../../runtime/rate-limit"
import { autopilotService } from "../../../runtime/settings"
import type { PrivacyContributor } from "./types"

/**
 * Rate-limit counters keyed by a hash of the email: the live ones
 * (`rate_limit_counters`, in Redis or in rate-limiter-flexible's table,
 * expiring with their window — a day at most by default) and rows left in
 * the plugin's older `autopilot_rate_limit` table (kept a day). Found by
 * hashing the address again; erasure deletes both.
 */
export const rateLimitsContributor: PrivacyContributor = {
  domain: "rate_limits",

  async collect(container, { email }) {
    const rows = await autopilotService(container).listRateLimits(
      { key: { $like: `%:${hashSubject(email)}` } } as never,
      { take: null, select: ["id", "key", "window_start", "count"] }
    )
    return {
      autopilot_rate_limit: rows,
      rate_limit_counters: await limitCountersOf(container, email),
    }
  },

  async erase(container, { email }) {
    const service = autopilotService(container)
    const rows = await service.listRateLimits(
      { key: { $like: `%:${hashSubject(email)}` } } as never,
      { take: null, select: ["id"] }
    )
    if (rows.length) await service.deleteRateLimits(rows.map((r) => r.id))
    return {
      autopilot_rate_limit: rows.length,
      rate_limit_counters: await eraseLimitCountersOf(container, email),
    }
  },
}
