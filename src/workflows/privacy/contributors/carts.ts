import { autopilotService } from "../../../runtime/settings"
import { daysBefore, pruneInBatches } from "./prune"
import type { PrivacyContributor } from "./types"

/**
 * Carts: the plugin's activity index of each cart and the leads kept after
 * a cart is gone (items, totals, reminders sent, consent, recovery).
 * Erasure anonymises both — email, customer and consent cleared — so the
 * shop's figures (leads, recovered revenue) stay true, and deletes the link
 * tokens that act on those carts (a recovery link restores the cart).
 * Medusa's own cart keeps its email: that is the shop's order data, not
 * the plugin's.
 */
export const cartsContributor: PrivacyContributor = {
  domain: "carts",

  async collect(container, { email }) {
    const service = autopilotService(container)
    const [activity, leads] = await Promise.all([
      service.listCartActivities(
        { email },
        { take: null, order: { created_at: "ASC" } }
      ),
      service.listCartLeads(
        { email },
        { take: null, order: { created_at: "ASC" } }
      ),
    ])
    return { autopilot_cart_activity: activity, autopilot_cart_lead: leads }
  },

  async erase(container, { email }) {
    const service = autopilotService(container)
    const [activity, leads] = await Promise.all([
      service.listCartActivities(
        { email },
        { take: null, select: ["id", "cart_id"] }
      ),
      service.listCartLeads(
        { email },
        { take: null, select: ["id", "cart_id"] }
      ),
    ])
    // Tokens name a cart (recovery links) or one of these rows.
    const subjects = [
      ...new Set([
        ...activity.flatMap((a) => [a.id, a.cart_id]),
        ...leads.flatMap((l) => [l.id, l.cart_id]),
      ]),
    ]
    const tokens = subjects.length
      ? await service.listTokens(
          { subject_id: subjects },
          { take: null, select: ["id"] }
        )
      : []
    if (tokens.length) await service.deleteTokens(tokens.map((t) => t.id))
    if (activity.length) {
      await service.updateCartActivities({
        selector: { id: activity.map((a) => a.id) },
        data: { email: null, customer_id: null },
      })
    }
    if (leads.length) {
      await service.updateCartLeads({
        selector: { id: leads.map((l) => l.id) },
        data: { email: null, customer_id: null, consent: null },
      })
    }
    return {
      autopilot_cart_activity: activity.length,
      autopilot_cart_lead: leads.length,
      autopilot_token: tokens.length,
    }
  },

  async retain(ctx) {
    const cutoff = daysBefore(ctx.now, ctx.retention.leads_days)
    await pruneInBatches(ctx, "cart_lead", "autopilot_cart_lead", cutoff)
    await pruneInBatches(
      ctx,
      "cart_activity",
      "autopilot_cart_activity",
      cutoff
    )
  },
}
