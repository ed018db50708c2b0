import { hashSubject } from "../../../lib/tokens"
import {
  eraseLimitCountersOf,
  limitCountersOf,
} from "../../../runtime/rate-limit"
import { marketingLogKey } from "../../../runtime/contact-rules"
import { autopilotService } from "../../../runtime/settings"
import type { PrivacyContributor } from "./types"

/**
 * Rate-limit counters keyed by a hash of the email: the live ones
 * (`rate_limit_counters`, in Redis or in rate-limiter-flexible's table,
 * expiring with their window — a day at most by default) and rows left in
 * the plugin's older `autopilot_rate_limit` table (kept a day). Found by
 * hashing the address again; erasure deletes both. Also the record of
 * marketing messages sent to the address (for `marketingCap`), in the
 * plugin's state under a hashed key.
 */
export const rateLimitsContributor: PrivacyContributor = {
  domain: "rate_limits",

  async collect(container, { email }) {
    const rows = await autopilotService(container).listRateLimits(
      { key: { $like: `%:${hashSubject(email)}` } } as never,
      { take: null, select: ["id", "key", "window_start", "count"] }
    )
    const sends = await autopilotService(container).listStates(
      { key: marketingLogKey(email) },
      { take: 1 }
    )
    return {
      autopilot_rate_limit: rows,
      rate_limit_counters: await limitCountersOf(container, email),
      marketing_sends: sends.map((s) => s.value),
    }
  },

  async erase(container, { email }) {
    const service = autopilotService(container)
    const rows = await service.listRateLimits(
      { key: { $like: `%:${hashSubject(email)}` } } as never,
      { take: null, select: ["id"] }
    )
    if (rows.length) await service.deleteRateLimits(rows.map((r) => r.id))
    const sends = await service.listStates(
      { key: marketingLogKey(email) },
      { take: 1, select: ["id"] }
    )
    if (sends.length) await service.deleteStates(sends.map((s) => s.id))
    return {
      autopilot_rate_limit: rows.length,
      marketing_sends: sends.length,
      rate_limit_counters: await eraseLimitCountersOf(container, email),
    }
  },
}
