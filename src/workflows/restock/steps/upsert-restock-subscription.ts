import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { now } from "../../../runtime/clock"
import { autopilotService } from "../../../runtime/settings"

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
 * `pending_confirmation`. Rollback: deletes what it created, restores what
 * it changed.
 *
 * @example
 * const { subscription, created } = upsertRestockSubscriptionStep({ variant_id, sales_channel_id, email, customer_id: null, locale: null, double_opt_in: false })
 */
export const upsertRestockSubscriptionStep = createStep(
  upsertRestockSubscriptionStepId,
  async (input: UpsertRestockSubscriptionStepInput, { container }) => {
    const service = autopilotService(container)
    const at = now()
    const status = input.double_opt_in ? "pending_confirmation" : "active"
    const [existing] = await service.listRestockSubscriptions({
      variant_id: input.variant_id,
      sales_channel_id: input.sales_channel_id,
      email: input.email,
    })
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
        unsubscribed_at: null,
        expired_at: null,
        customer_id: input.customer_id ?? existing.customer_id,
        locale: input.locale ?? existing.locale,
      })
      return new StepResponse(
        {
          subscription,
          created: false,
          needs_confirmation: input.double_opt_in,
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
      { subscription, created: true, needs_confirmation: input.double_opt_in },
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
