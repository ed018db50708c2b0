import { hashSubject } from "../../../lib/tokens"
import { autopilotService } from "../../../runtime/settings"
import type { PrivacyContributor } from "./types"

/**
 * Rate-limit counters keyed by a hash of the email (`<limit>:<hash>`),
 * kept in the database only when the shop has no Redis, and only for a
 * day. Found by hashing the address again; erasure deletes them. Counters
 * in Redis expire with their window (at most an hour by default).
 */
export const rateLimitsContributor: PrivacyContributor = {
  domain: "rate_limits",

  async collect(container, { email }) {
    const rows = await autopilotService(container).listRateLimits(
      { key: { $like: `%:${hashSubject(email)}` } } as never,
      { take: null, select: ["id", "key", "window_start", "count"] }
    )
    return { autopilot_rate_limit: rows }
  },

  async erase(container, { email }) {
    const service = autopilotService(container)
    const rows = await service.listRateLimits(
      { key: { $like: `%:${hashSubject(email)}` } } as never,
      { take: null, select: ["id"] }
    )
    if (rows.length) await service.deleteRateLimits(rows.map((r) => r.id))
    return { autopilot_rate_limit: rows.length }
  },
}
