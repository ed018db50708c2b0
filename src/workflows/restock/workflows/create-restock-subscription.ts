import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { sendRestockConfirmationStep } from "../steps/send-restock-confirmation"
import {
  upsertRestockSubscriptionStep,
  type UpsertRestockSubscriptionStepInput,
} from "../steps/upsert-restock-subscription"
import { validateRestockSignupStep } from "../steps/validate-restock-signup"

export type CreateRestockSubscriptionWorkflowInput =
  UpsertRestockSubscriptionStepInput

export const createRestockSubscriptionWorkflowId = "create-restock-subscription"

/**
 * A back-in-stock signup: checks the variant is sold in the channel and out
 * of stock, creates the subscription (or returns the existing one, woken up
 * when it had ended) and, with double opt-in or for an address that
 * unsubscribed from the variant, sends the confirmation: only its link makes
 * such a signup active.
 *
 * @example
 * const { result } = await createRestockSubscriptionWorkflow(container).run({
 *   input: { variant_id, sales_channel_id, email: "ann@example.com", customer_id: null, locale: null, double_opt_in: false },
 * })
 */
export const createRestockSubscriptionWorkflow = createWorkflow(
  createRestockSubscriptionWorkflowId,
  (input: CreateRestockSubscriptionWorkflowInput) => {
    validateRestockSignupStep(input)
    const upserted = upsertRestockSubscriptionStep(input)
    const confirmation = transform(
      { upserted, input },
      ({ upserted, input }) => ({
        subscription_id: upserted.subscription.id,
        email: input.email,
        active_since: upserted.subscription.active_since,
        variant_id: input.variant_id,
        locale: input.locale,
        needs_confirmation: upserted.needs_confirmation,
      })
    )
    sendRestockConfirmationStep(confirmation)
    return new WorkflowResponse(upserted)
  }
)
