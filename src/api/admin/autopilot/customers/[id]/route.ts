import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { readCustomerActivity } from "../../../../../runtime/customer-activity"
import type { CustomerActivityResponse } from "../../../../../types"
import { AdminCustomerActivityParams } from "../validators"

/**
 * One customer's back-in-stock signups, abandoned-cart leads with their
 * reminders, and cart-reminder opt-out, for the customer page's widget.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<CustomerActivityResponse<Date>>
) => {
  const params = AdminCustomerActivityParams.safeParse(req.params)
  if (!params.success) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `id: ${params.error.issues[0]?.message ?? "invalid"}`
    )
  }
  const customer = await readCustomerActivity(req.scope, params.data.id)
  res.json({ customer })
}
