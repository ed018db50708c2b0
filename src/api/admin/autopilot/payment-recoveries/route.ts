import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  loadPaymentRecoveryOptions,
  withCadencePreset,
} from "../../../../features/payment-recovery/admin-view"
import { withFieldLabels } from "../../../../runtime/labels"
import { autopilotService } from "../../../../runtime/settings"
import type { PaymentRecoveryListResponse } from "../../../../types"
import type { AdminListPaymentRecoveriesType } from "../validators"

/**
 * Payment sessions the payment-recovery job follows: cart, order, amount,
 * provider, attempts, next check and the cadence preset that chose it
 * (from the provider id and the current options); newest first. Dismissed ones are left
 * out unless `include_dismissed=true`.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListPaymentRecoveriesType>,
  res: MedusaResponse<PaymentRecoveryListResponse<Date>>
) => {
  const { limit, offset, status, order_id, cart_id, include_dismissed } =
    req.validatedQuery
  const filters: Record<string, unknown> = {}
  if (status) filters.status = status
  if (order_id) filters.order_id = order_id
  if (cart_id) filters.cart_id = cart_id
  if (!include_dismissed) filters.dismissed_at = null
  const [rows, count] = await autopilotService(
    req.scope
  ).listAndCountPaymentRecoveries(filters, {
    order: { created_at: "DESC", id: "DESC" },
    take: limit,
    skip: offset,
  })
  const options = await loadPaymentRecoveryOptions(req.scope)
  res.json({
    payment_recoveries: await withFieldLabels(
      req.scope,
      withCadencePreset(rows, options),
      ["order_id", "cart_id", "dismissed_by"]
    ),
    count,
    limit,
    offset,
  })
}
