import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PRIVACY_CONTRIBUTORS } from "../contributors"

export type CollectPersonalDataStepInput = { email: string }

export type PersonalData = Record<string, Record<string, unknown[]>>

export const collectPersonalDataStepId = "collect-personal-data"

/**
 * Reads everything the plugin holds about one email, one section per domain
 * (see the contributors registry). Writes nothing.
 *
 * @example
 * const data = collectPersonalDataStep({ email: "ann@example.com" })
 */
export const collectPersonalDataStep = createStep(
  collectPersonalDataStepId,
  async (input: CollectPersonalDataStepInput, { container }) => {
    const data: PersonalData = {}
    for (const contributor of PRIVACY_CONTRIBUTORS) {
      data[contributor.domain] = await contributor.collect(container, input)
    }
    return new StepResponse(data)
  }
)
