import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PRIVACY_CONTRIBUTORS } from "../contributors"

export type ErasePersonalDataStepInput = { email: string }

export const erasePersonalDataStepId = "erase-personal-data"

/**
 * Erases or anonymises everything the plugin holds about one email, domain
 * by domain; returns rows touched per `<domain>.<table>`.
 *
 * No rollback, on purpose: undoing an erasure would restore personal data
 * the person asked to have erased. Each contributor's erase is idempotent
 * instead, so a failed request is simply sent again.
 *
 * @example
 * const counts = erasePersonalDataStep({ email: "ann@example.com" })
 */
export const erasePersonalDataStep = createStep(
  erasePersonalDataStepId,
  async (input: ErasePersonalDataStepInput, { container }) => {
    const counts: Record<string, number> = {}
    for (const contributor of PRIVACY_CONTRIBUTORS) {
      const touched = await contributor.erase(container, input)
      for (const [table, n] of Object.entries(touched)) {
        counts[`${contributor.domain}.${table}`] = n
      }
    }
    return new StepResponse(counts)
  }
)
