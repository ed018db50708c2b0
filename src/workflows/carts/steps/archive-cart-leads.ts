import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { now } from "../../../runtime/clock"
import { autopilotService } from "../../../runtime/settings"
import { existingCartIds } from "../utils/carts"

export type ArchiveCartLeadsStepInput = {
  /** Carts with an email or a customer (others are skipped). */
  cart_ids: string[]
}

export const archiveCartLeadsStepId = "archive-cart-leads"

/**
 * Keeps the lead of each cart with an email or a customer before the cart
 * goes: upserts its `autopilot_cart_lead` row by cart id as `archived` (a
 * `recovered` lead stays recovered) with a snapshot of the cart as it is at
 * this moment — items, their value, last activity, reminders sent — taken
 * by the database in the same statement.
 * Rollback: for carts that still exist, removes the leads it created and
 * restores the ones it changed.
 *
 * @example
 * archiveCartLeadsStep({ cart_ids: ["cart_123"] })
 */
export const archiveCartLeadsStep = createStep(
  archiveCartLeadsStepId,
  async (input: ArchiveCartLeadsStepInput, { container }) => {
    const undo = await autopilotService(container).archiveCartLeads(
      input.cart_ids,
      now()
    )
    return new StepResponse({ archived: input.cart_ids.length }, undo)
  },
  async (undo, { container }) => {
    if (!undo) return
    const cartIds = [
      ...undo.created,
      ...undo.previous.map((p) => p.cart_id as string),
    ]
    const alive = await existingCartIds(container, cartIds)
    await autopilotService(container).unarchiveCartLeads({
      created: undo.created.filter((id) => alive.has(id)),
      previous: undo.previous.filter((p) => alive.has(p.cart_id as string)),
    })
  }
)
