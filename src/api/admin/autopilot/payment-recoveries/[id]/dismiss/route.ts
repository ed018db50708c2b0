import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { dismissPaymentRecoveryWorkflow } from "../../../../../../workflows/payment-recovery"
import type { PaymentRecoveryResponse } from "../../../../../../types"
import { caller } from "../../../helpers"

/** The merchant has dealt with it: hide it from the list and stop checking. */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<PaymentRecoveryResponse<Date>>
) => {
  const { result } = await dismissPaymentRecoveryWorkflow(req.scope).run({
    input: { id: req.params.id, actor: caller(req).actor },
  })
  res.json({ payment_recovery: result })
}
