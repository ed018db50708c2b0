import { emitEventStep } from "@medusajs/medusa/core-flows"
import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { AutopilotEvents } from "../../../runtime/events"
import { recordJobSettingChangeStep } from "../steps/record-job-setting-change"
import { updateJobSettingStep } from "../steps/update-job-setting"
import {
  validateJobSettingUpdateStep,
  type ValidateJobSettingUpdateStepInput,
} from "../steps/validate-job-setting-update"

export type UpdateJobSettingWorkflowInput =
  ValidateJobSettingUpdateStepInput & {
    actor: string | null
  }

export const updateJobSettingWorkflowId = "update-job-setting"

/**
 * Changes a job's switch, pause, schedule or options from the admin or API:
 * validates against the job's rules, stores the change (the stored setting
 * wins over plugin options from then on), records who changed what, and
 * emits `autopilot.job_setting.updated`. A failed step rolls the setting back.
 *
 * @example
 * const { result } = await updateJobSettingWorkflow(container).run({
 *   input: { job_name: "cart-pruning", enabled: false, actor: "user_123" },
 * })
 */
export const updateJobSettingWorkflow = createWorkflow(
  updateJobSettingWorkflowId,
  (input: UpdateJobSettingWorkflowInput) => {
    const validated = validateJobSettingUpdateStep(input)
    const stepInput = transform(
      { validated, input },
      ({ validated, input }) => ({
        ...validated,
        actor: input.actor,
      })
    )
    const updated = updateJobSettingStep(stepInput)
    const change = transform({ updated, input }, ({ updated, input }) => ({
      job_name: input.job_name,
      actor: input.actor,
      changes: updated.changes,
    }))
    recordJobSettingChangeStep(change)
    emitEventStep({
      eventName: AutopilotEvents.JOB_SETTING_UPDATED,
      data: change,
    })
    return new WorkflowResponse(updated)
  }
)
