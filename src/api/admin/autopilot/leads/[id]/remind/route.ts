import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { autopilotService } from "../../../../../../runtime/settings"
import { describeRuns, runView } from "../../../../../../runtime/views"
import type { RunResponse } from "../../../../../../types"
import { requestJobRunWorkflow } from "../../../../../../workflows/runtime"
import { caller } from "../../../helpers"

/**
 * "Send next reminder now" for one lead: queues a one-off cart-reminders
 * run for the lead's cart (202 `{ run }`; poll `GET
 * /admin/autopilot/runs/:id`). The run sends the cart's next reminder
 * without waiting for the step's inactivity, after every check a
 * scheduled reminder passes (opt-out, consent, an order since, a payment in
 * flight, items for sale); its notes say why when nothing went out. 404
 * unknown lead; 400 for a lead whose cart became an order or is gone; 409
 * while a cart-reminders run is queued or running.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<RunResponse<Date>>
) => {
  const service = autopilotService(req.scope)
  const [lead] = await service.listCartLeads({ id: req.params.id })
  if (!lead) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Lead "${req.params.id}" does not exist`
    )
  }
  if (lead.status !== "open") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      lead.status === "recovered"
        ? "This cart became an order: there is nothing to remind"
        : "This cart is gone: there is nothing to remind"
    )
  }
  const { actor, trigger } = caller(req)
  const { result } = await requestJobRunWorkflow(req.scope).run({
    input: {
      job_name: "cart-reminders",
      dry_run: false,
      trigger,
      actor,
      params: { cart_id: lead.cart_id, lead_id: lead.id },
    },
  })
  const run = await service.retrieveJobRun(result.id)
  const [described] = await describeRuns(req.scope, [runView(run)])
  res.status(202).json({ run: described })
}
