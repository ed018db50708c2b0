import { autopilotService } from "../../../runtime/settings"
import { daysBefore, pruneInBatches } from "./prune"
import type { PrivacyContributor } from "./types"

/**
 * Back-in-stock signups: the subscriptions (email, customer, locale, what
 * was alerted and when), the link tokens acting on them (only hashes are
 * stored; shown without them) and their retry records. Erasure deletes all
 * of it: a signup has no value without its address.
 */
export const restockContributor: PrivacyContributor = {
  domain: "restock",

  async collect(container, { email }) {
    const service = autopilotService(container)
    const subscriptions = await service.listRestockSubscriptions(
      { email },
      { take: null, order: { created_at: "ASC" } }
    )
    const ids = subscriptions.map((s) => s.id)
    const tokens = ids.length
      ? await service.listTokens(
          { subject_id: ids },
          {
            take: null,
            select: [
              "id",
              "purpose",
              "subject_id",
              "expires_at",
              "used_at",
              "created_at",
            ],
          }
        )
      : []
    return {
      autopilot_restock_subscription: subscriptions,
      autopilot_token: tokens,
    }
  },

  async erase(container, { email }) {
    const service = autopilotService(container)
    const subscriptions = await service.listRestockSubscriptions(
      { email },
      { take: null, select: ["id"] }
    )
    const ids = subscriptions.map((s) => s.id)
    if (!ids.length) {
      return {
        autopilot_restock_subscription: 0,
        autopilot_token: 0,
        autopilot_item_retry: 0,
      }
    }
    const tokens = await service.listTokens(
      { subject_id: ids },
      { take: null, select: ["id"] }
    )
    const retries = await service.listItemRetries(
      { job_name: "restock-alerts", item_id: ids },
      { take: null, select: ["id"] }
    )
    if (tokens.length) await service.deleteTokens(tokens.map((t) => t.id))
    if (retries.length)
      await service.deleteItemRetries(retries.map((r) => r.id))
    await service.deleteRestockSubscriptions(ids)
    return {
      autopilot_restock_subscription: ids.length,
      autopilot_token: tokens.length,
      autopilot_item_retry: retries.length,
    }
  },

  async retain(ctx) {
    await pruneInBatches(
      ctx,
      "restock_subscription",
      "autopilot_restock_subscription",
      daysBefore(ctx.now, ctx.retention.subscriptions_days)
    )
  },
}
