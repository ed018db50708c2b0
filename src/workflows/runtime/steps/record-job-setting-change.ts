import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"
import type { JobSettingChanges } from "./update-job-setting"

export type RecordJobSettingChangeStepInput = {
  job_name: string
  actor: string | null
  changes: JobSettingChanges
}

export const recordJobSettingChangeStepId = "record-job-setting-change"

/**
 * Records who changed which fields of a job's setting, from what to what.
 * Records nothing when nothing changed. Rollback: deletes the record.
 *
 * @example
 * recordJobSettingChangeStep({ job_name: "cart-pruning", actor: "user_1", changes })
 */
export const recordJobSettingChangeStep = createStep(
  recordJobSettingChangeStepId,
  async (input: RecordJobSettingChangeStepInput, { container }) => {
    if (!Object.keys(input.changes).length) {
      return new StepResponse(null, null)
    }
    const record = await autopilotService(container).createJobSettingChanges({
      job_name: input.job_name,
      actor: input.actor,
      changes: input.changes,
    })
    return new StepResponse(record, record.id)
  },
  async (id, { container }) => {
    if (!id) return
    await autopilotService(container).deleteJobSettingChanges(id)
  }
)
