import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"

export type MarkCartsPrunedStepInput = { cart_ids: string[] }

export const markCartsPrunedStepId = "mark-carts-pruned"

/**
 * Marks the carts' activity rows `deleted`, so no job looks at them again.
 * No rollback: it runs after the carts are gone, and a row left `open` is
 * marked by the next run, which finds its cart missing.
 *
 * @example
 * markCartsPrunedStep({ cart_ids: ["cart_123"] })
 */
export const markCartsPrunedStep = createStep(
  markCartsPrunedStepId,
  async (input: MarkCartsPrunedStepInput, { container }) => {
    const marked = await autopilotService(container).setCartActivityState(
      input.cart_ids,
      "deleted"
    )
    return new StepResponse({ marked })
  }
)
