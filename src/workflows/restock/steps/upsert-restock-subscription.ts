import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { now } from "../../../runtime/clock"
import { autopilotService } from "../../../runtime/settings"
import { unsubscribeStands } from "../utils/consent"

export type UpsertRestockSubscriptionStepInput = {
  variant_id: string
  sales_channel_id: string
  email: string
  customer_id: string | null
  locale: string | null
  double_opt_in: boolean
}

export const upsertRestockSubscriptionStepId = "upsert-restock-subscription"

const WAITING = ["active", "pending_confirmation"]

type Undo = {
  created?: string
  restore?: {
    id: string
    status:
      | "pending_confirmation"
      | "active"
      | "notified"
      | "unsubscribed"
      | "expired"
    active_since: Date | null
    unsubscribed_at: Date | null
    expired_at: Date | null
  }
}

/**
 * Creates the subscription, or returns the existing one for the same
 * variant, channel and email — waking it up again when it was notified,
 * unsubscribed or expired. With double opt-in a new (or woken) one starts
 * `pending_confirmation`, and so does one for an address that unsubscribed
 * from this variant's alerts (in any channel), whatever the shop's setting:
 * anyone can post an address, so only its owner, through the confirmation
 * link, undoes an unsubscribe (see {@link unsubscribeStands}); a woken
 * subscription keeps its `unsubscribed_at` until then, so an unconfirmed
 * signup that expires does not clear it. Rollback: deletes what it created,
 * restores what it changed.
 *
 * @example
 * const { subscription, created } = upsertRestockSubscriptionStep({ variant_id, sales_channel_id, email, customer_id: null, locale: null, double_opt_in: false })
 */
export const upsertRestockSubscriptionStep = createStep(
  upsertRestockSubscriptionStepId,
  async (input: UpsertRestockSubscriptionStepInput, { container }) => {
    const service = autopilotService(container)
    const at = now()
    // Every subscription of this address to this variant, in any channel.
    const ofAddress = await service.listRestockSubscriptions(
      { variant_id: input.variant_id, email: input.email },
      { take: null }
    )
    const existing = ofAddress.find(
      (s) => s.sales_channel_id === input.sales_channel_id
    )
    const needsConfirmation =
      input.double_opt_in || unsubscribeStands(ofAddress)
    const status = needsConfirmation ? "pending_confirmation" : "active"
    if (existing && WAITING.includes(existing.status)) {
      return new StepResponse(
        { subscription: existing, created: false, needs_confirmation: false },
        {} as Undo
      )
    }
    if (existing) {
      const previous = {
        id: existing.id,
        status: existing.status,
        active_since: existing.active_since,
        unsubscribed_at: existing.unsubscribed_at,
        expired_at: existing.expired_at,
      }
      const subscription = await service.updateRestockSubscriptions({
        id: existing.id,
        status,
        active_since: at,
        // The unsubscribe stays on record until the owner confirms.
        unsubscribed_at: needsConfirmation
          ? (existing.unsubscribed_at ?? null)
          : null,
        expired_at: null,
        customer_id: input.customer_id ?? existing.customer_id,
        locale: input.locale ?? existing.locale,
      })
      return new StepResponse(
        {
          subscription,
          created: false,
          needs_confirmation: needsConfirmation,
        },
        { restore: previous } as Undo
      )
    }
    const subscription = await service.createRestockSubscriptions({
      variant_id: input.variant_id,
      sales_channel_id: input.sales_channel_id,
      email: input.email,
      customer_id: input.customer_id,
      locale: input.locale,
      status,
      active_since: at,
    })
    return new StepResponse(
      { subscription, created: true, needs_confirmation: needsConfirmation },
      { created: subscription.id } as Undo
    )
  },
  async (undo, { container }) => {
    if (!undo) return
    const service = autopilotService(container)
    const { created, restore } = undo
    if (created) await service.deleteRestockSubscriptions(created)
    if (restore) await service.updateRestockSubscriptions(restore)
  }
)
