import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"

export type RecordCartActivityStepInput = { cart_ids: string[] }

export const recordCartActivityStepId = "record-cart-activity"

type Previous = {
  /** Rows that existed before, as they were. */
  updated: Record<string, unknown>[]
  /** Carts whose row this step created. */
  created: string[]
}

/**
 * Refreshes the carts' rows in the plugin's cart activity table (email,
 * customer, channel, region, currency, item count, created and last-active
 * time, completed state and order) from the carts as they are now, in one
 * statement (`recordCartActivity` of the module). A cart that no longer
 * exists is skipped. Rollback: restores the rows as they
 * were and deletes the rows it created.
 *
 * @example
 * recordCartActivityStep({ cart_ids: ["cart_01..."] })
 */
export const recordCartActivityStep = createStep(
  recordCartActivityStepId,
  async (input: RecordCartActivityStepInput, { container }) => {
    const ids = [...new Set(input.cart_ids.filter(Boolean))]
    if (!ids.length) return new StepResponse({ recorded: 0 }, null)
    const service = autopilotService(container)
    const before = await service.listCartActivities({ cart_id: ids })
    const written = await service.recordCartActivity(ids)
    if (!written.length) return new StepResponse({ recorded: 0 }, null)
    const previous: Previous = {
      updated: before.map((r) => ({
        id: r.id,
        email: r.email,
        customer_id: r.customer_id,
        sales_channel_id: r.sales_channel_id,
        region_id: r.region_id,
        currency_code: r.currency_code,
        item_count: r.item_count,
        last_active_at: r.last_active_at,
        state: r.state,
        completed_at: r.completed_at,
        order_id: r.order_id,
      })),
      created: written.filter((w) => w.inserted).map((w) => w.cart_id),
    }
    return new StepResponse({ recorded: written.length }, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const service = autopilotService(container)
    if (previous.updated.length) {
      await service.updateCartActivities(previous.updated as never)
    }
    if (previous.created.length) {
      const created = await service.listCartActivities(
        { cart_id: previous.created },
        { select: ["id"] }
      )
      await service.deleteCartActivities(created.map((r) => r.id))
    }
  }
)
