import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { now } from "../../../../runtime/clock"
import { autopilotService } from "../../../../runtime/settings"
import type { ArchivedLeadInput } from "../../../../modules/autopilot/service"
import { existingCartIds } from "../carts"

export type ArchiveCartLeadsStepInput = {
  /** JSON of `ArchivedLeadInput[]` (see `prune-carts` for why a string). */
  leads_json: string
}

export const archiveCartLeadsStepId = "archive-cart-leads"

/**
 * Keeps the lead of each cart with an email or a customer before the cart
 * goes: upserts its `autopilot_cart_lead` row by cart id as `archived` (a
 * `recovered` lead stays recovered) with the item snapshot and total.
 * Rollback: for carts that still exist, removes the leads it created and
 * restores the ones it changed.
 *
 * @example
 * archiveCartLeadsStep({ leads_json: JSON.stringify([{ cart_id, email, items, total, ... }]) })
 */
export const archiveCartLeadsStep = createStep(
  archiveCartLeadsStepId,
  async (input: ArchiveCartLeadsStepInput, { container }) => {
    const leads = JSON.parse(input.leads_json) as ArchivedLeadInput[]
    const undo = await autopilotService(container).archiveCartLeads(
      leads,
      now()
    )
    return new StepResponse({ archived: leads.length }, undo)
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
