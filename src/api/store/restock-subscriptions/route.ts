import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { loadEffectiveSetting } from "../../../runtime/settings"
import { createRestockSubscriptionWorkflow } from "../../../workflows/restock"
import type { StoreCreateRestockSubscriptionType } from "./validators"

type RestockSubscriptionResponse = {
  restock_subscription: {
    variant_id: string
    sales_channel_id: string
    status: "active" | "pending_confirmation"
  }
}

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
 * Back-in-stock signup. Always 202 with the same body, built from the
 * request and the shop's settings only — never from what was stored: a new
 * signup, a repeated one and one for an address someone else signed up all
 * look alike, so the route tells no one whether an email is subscribed.
 * `status` is what the signup becomes: `pending_confirmation` under double
 * opt-in (the confirmation link then decides), `active` otherwise.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreCreateRestockSubscriptionType>,
  res: MedusaResponse<RestockSubscriptionResponse>
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
  await createRestockSubscriptionWorkflow(req.scope).run({
    input: {
      variant_id: body.variant_id,
      sales_channel_id: salesChannelId,
      email: email.trim().toLowerCase(),
      customer_id: customerId,
      locale: body.locale ?? null,
      double_opt_in: doubleOptIn,
    },
  })
  res.status(202).json({
    restock_subscription: {
      variant_id: body.variant_id,
      sales_channel_id: salesChannelId,
      status: doubleOptIn ? "pending_confirmation" : "active",
    },
  })
}
