import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { loadEffectiveSetting } from "../../../runtime/settings"
import { createRestockSubscriptionWorkflow } from "../../../workflows/restock"
import type { StoreRestockSubscriptionResponse } from "../../../types"
import type { StoreCreateRestockSubscriptionType } from "./validators"

/** The channel of the signup: the key's only channel, or the one named in the body. */
function salesChannel(
  req: AuthenticatedMedusaRequest<StoreCreateRestockSubscriptionType>
): string {
  const allowed: string[] =
    (
      req as unknown as {
        publishable_key_context?: { sales_channel_ids?: string[] }
      }
    ).publishable_key_context?.sales_channel_ids ?? []
  const asked = req.validatedBody.sales_channel_id
  if (asked) {
    if (!allowed.includes(asked)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "sales_channel_id is not one of this publishable key's sales channels"
      )
    }
    return asked
  }
  if (allowed.length !== 1) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      allowed.length
        ? "sales_channel_id is required: this publishable key has several sales channels"
        : "this publishable key has no sales channel"
    )
  }
  return allowed[0]
}

/**
 * Back-in-stock signup. By default the storefront contract: 201 with the new
 * subscription, 200 with the same one when it already exists (no duplicate,
 * no second message) — which tells a caller that this address already waits
 * for this variant. With the job option `private_signup_response` it always
 * answers 202 with a body built from the request and the shop's settings
 * only, so a new, a repeated and someone else's signup look alike; `status`
 * is then what the signup becomes (`pending_confirmation` under double
 * opt-in, else `active`).
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreCreateRestockSubscriptionType>,
  res: MedusaResponse<StoreRestockSubscriptionResponse>
) => {
  const body = req.validatedBody
  const customerId =
    req.auth_context?.actor_type === "customer"
      ? req.auth_context.actor_id
      : null
  let email = body.email
  if (customerId) {
    const customer = await req.scope
      .resolve(Modules.CUSTOMER)
      .retrieveCustomer(customerId)
    email = customer.email ?? email
  }
  if (!email) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "email is required when no customer is logged in"
    )
  }
  const { options } = await loadEffectiveSetting(req.scope, "restock-alerts")
  const doubleOptIn = Boolean(options.double_opt_in)
  const salesChannelId = salesChannel(req)
  const { result } = await createRestockSubscriptionWorkflow(req.scope).run({
    input: {
      variant_id: body.variant_id,
      sales_channel_id: salesChannelId,
      email: email.trim().toLowerCase(),
      customer_id: customerId,
      locale: body.locale ?? null,
      double_opt_in: doubleOptIn,
    },
  })
  if (options.private_signup_response) {
    res.status(202).json({
      restock_subscription: {
        variant_id: body.variant_id,
        sales_channel_id: salesChannelId,
        status: doubleOptIn ? "pending_confirmation" : "active",
      },
    })
    return
  }
  const s = result.subscription
  res.status(result.created ? 201 : 200).json({
    restock_subscription: {
      id: s.id,
      variant_id: s.variant_id,
      sales_channel_id: s.sales_channel_id,
      status: s.status,
    },
  })
}
