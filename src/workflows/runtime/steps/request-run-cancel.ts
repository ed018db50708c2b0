import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { now } from "../../../runtime/clock"
import { autopilotService } from "../../../runtime/settings"

export type RequestRunCancelStepInput = {
  run_id: string
  /** Admin user id or API key id asking. */
  actor: string | null
}

export const requestRunCancelStepId = "request-run-cancel"

/**
 * Asks a run to stop: a queued run is canceled at once; a running one stops
 * at its next batch, keeps what it did and ends `canceled`. 404 for an
 * unknown run, 400 (not_allowed) for one that already ended. No rollback: a stop, once
 * asked, is not taken back (the run may have stopped already).
 *
 * @example
 * requestRunCancelStep({ run_id: "aprun_123", actor: "user_123" })
 */
export const requestRunCancelStep = createStep(
  requestRunCancelStepId,
  async (input: RequestRunCancelStepInput, { container }) => {
    const outcome = await autopilotService(container).requestRunCancel(
      input.run_id,
      input.actor,
      now()
    )
    if (outcome === "not_found") {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Autopilot run "${input.run_id}" does not exist`
      )
    }
    if (outcome === "finished") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "This run has already ended; there is nothing to stop"
      )
    }
    return new StepResponse(outcome)
  }
)
