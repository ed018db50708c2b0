import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  hitLimit,
  type Limit,
  LIMITS_BY_EMAIL,
  peekLimit,
  refundLimit,
} from "../../../runtime/rate-limit"
import { loadEffectiveSetting } from "../../../runtime/settings"
import { createRestockSubscriptionWorkflow } from "../../../workflows/restock"
import type { StoreRestockSubscriptionResponse } from "../../../types"
import { REFUSALS, type RestockLimitOptions, tooMany } from "./limits"
import type { StoreCreateRestockSubscriptionType } from "./validators"

type Reservation = { release(): Promise<void> }

/**
 * Takes one point of `limit` for `subject`, or none when it has none left;
 * `release` gives it back when the signup did not do what the limit counts.
 * Taken before the signup runs, so concurrent requests cannot pass the
 * limit together.
 */
async function reserve(
  scope: MedusaContainer,
  name: string,
  subject: string,
  limit: Limit
): Promise<Reservation | { retryAfterSeconds: number }> {
  const release = () => refundLimit(scope, name, subject, limit)
  const hit = await hitLimit(scope, name, subject, limit)
  if (!hit.allowed) {
    // A refused signup counts nothing.
    await release()
    return { retryAfterSeconds: hit.retryAfterSeconds }
  }
  return { release }
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
  const limits = options as RestockLimitOptions
  const doubleOptIn = Boolean(options.double_opt_in)
  const salesChannelId = salesChannel(req)
  const recipient = email.trim().toLowerCase()
  // New subscriptions per shopper, and confirmation messages per inbox:
  // taken before the workflow, given back unless it did that.
  const byShopper = await reserve(
    req.scope,
    LIMITS_BY_EMAIL.signup,
    customerId ? `customer:${customerId}` : recipient,
    limits.email_limit
  )
  if (!("release" in byShopper)) {
    const s = byShopper.retryAfterSeconds
    return tooMany(res as unknown as MedusaResponse, s, REFUSALS.email(s))
  }
  // Under double opt-in every new signup sends a confirmation: its point
  // is taken first. Otherwise one is sent only to an address that had
  // unsubscribed: checked now, counted once sent.
  const byInbox = doubleOptIn
    ? await reserve(
        req.scope,
        LIMITS_BY_EMAIL.confirmation,
        recipient,
        limits.confirmation_limit
      )
    : await peekLimit(
        req.scope,
        LIMITS_BY_EMAIL.confirmation,
        recipient,
        limits.confirmation_limit
      ).then((peek) =>
        peek.allowed
          ? { release: async () => {} }
          : { retryAfterSeconds: peek.retryAfterSeconds }
      )
  if (!("release" in byInbox)) {
    await byShopper.release()
    const s = byInbox.retryAfterSeconds
    return tooMany(
      res as unknown as MedusaResponse,
      s,
      REFUSALS.confirmation(s)
    )
  }
  const run = () =>
    createRestockSubscriptionWorkflow(req.scope).run({
      input: {
        variant_id: body.variant_id,
        sales_channel_id: salesChannelId,
        email: recipient,
        customer_id: customerId,
        locale: body.locale ?? null,
        double_opt_in: doubleOptIn,
      },
    })
  let ran: Awaited<ReturnType<typeof run>>
  try {
    ran = await run()
  } catch (e) {
    await Promise.all([byShopper.release(), byInbox.release()])
    throw e
  }
  const { result } = ran
  await Promise.all([
    result.created ? null : byShopper.release(),
    result.needs_confirmation ? null : byInbox.release(),
    result.needs_confirmation && !doubleOptIn
      ? hitLimit(
          req.scope,
          LIMITS_BY_EMAIL.confirmation,
          recipient,
          limits.confirmation_limit
        )
      : null,
  ])
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
    created: result.created,
  })
}
