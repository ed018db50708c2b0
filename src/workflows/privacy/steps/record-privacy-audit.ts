import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { autopilotService } from "../../../runtime/settings"
import { subjectHash } from "../subject"

export type RecordPrivacyAuditStepInput = {
  action: "export" | "erase"
  email: string
  actor: string | null
  counts: Record<string, number>
}

export const recordPrivacyAuditStepId = "record-privacy-audit"

/**
 * Records who exported or erased a person's data and how many rows per
 * table, with a keyed hash in place of the email. Rollback: deletes the
 * entry.
 *
 * @example
 * recordPrivacyAuditStep({ action: "erase", email, actor: "user_1", counts })
 */
export const recordPrivacyAuditStep = createStep(
  recordPrivacyAuditStepId,
  async (input: RecordPrivacyAuditStepInput, { container }) => {
    const entry = await autopilotService(container).createPrivacyAudits({
      action: input.action,
      actor: input.actor,
      subject_hash: await subjectHash(container, input.email),
      counts: input.counts,
    })
    return new StepResponse(
      { id: entry.id, created_at: entry.created_at },
      entry.id
    )
  },
  async (id, { container }) => {
    if (!id) return
    await autopilotService(container).deletePrivacyAudits(id)
  }
)
