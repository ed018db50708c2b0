import { autopilotService } from "../../../runtime/settings"
import { daysBefore, pruneInBatches } from "./prune"
import type { PrivacyContributor } from "./types"

/** The most steps a reminder sequence can have (`cart-reminders` options). */
const MAX_REMINDER_STEPS = 5

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
    const [activity, leads, optouts] = await Promise.all([
      service.listCartActivities(
        { email },
        { take: null, order: { created_at: "ASC" } }
      ),
      service.listCartLeads(
        { email },
        { take: null, order: { created_at: "ASC" } }
      ),
      service.listCartOptouts({ email }, { take: null }),
    ])
    const reminders = await service.listCartReminders(
      { email },
      { take: null, order: { created_at: "ASC" } }
    )
    return {
      autopilot_cart_activity: activity,
      autopilot_cart_lead: leads,
      autopilot_cart_reminder: reminders,
      autopilot_cart_optout: optouts,
    }
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
      // Medusa's cart keeps its email and the next cart event copies it
      // back into the activity row: marking every reminder step as sent
      // keeps an erased person from being reminded about these carts again.
      await service.updateCartActivities({
        selector: { id: activity.map((a) => a.id) },
        data: {
          email: null,
          customer_id: null,
          reminders_sent: MAX_REMINDER_STEPS,
        },
      })
    }
    const [optouts, reminders] = await Promise.all([
      service.listCartOptouts({ email }, { take: null, select: ["id"] }),
      service.listCartReminders({ email }, { take: null, select: ["id"] }),
    ])
    if (optouts.length) {
      await service.deleteCartOptouts(optouts.map((o) => o.id))
    }
    // The send ledger names the address; the idempotency key of each sent
    // message and the steps marked above still keep a resend out.
    if (reminders.length) {
      await service.deleteCartReminders(reminders.map((r) => r.id))
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
      autopilot_cart_optout: optouts.length,
      autopilot_cart_reminder: reminders.length,
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
    await pruneInBatches(
      ctx,
      "cart_reminder",
      "autopilot_cart_reminder",
      cutoff
    )
  },
}
