import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { erasePersonalDataStep } from "../steps/erase-personal-data"
import { recordPrivacyAuditStep } from "../steps/record-privacy-audit"

export type ErasePersonWorkflowInput = { email: string; actor: string | null }

export const erasePersonWorkflowId = "erase-person"

/**
 * A data-erasure request: erases or anonymises what the plugin holds about
 * one email across its tables and records an audit entry with the counts
 * (without the email). Medusa's own tables are not touched.
 *
 * @example
 * const { result } = await erasePersonWorkflow(container).run({ input: { email: "ann@example.com", actor: "user_1" } })
 */
export const erasePersonWorkflow = createWorkflow(
  erasePersonWorkflowId,
  (input: ErasePersonWorkflowInput) => {
    const counts = erasePersonalDataStep({ email: input.email })
    const audit = transform({ counts, input }, ({ counts, input }) => ({
      action: "erase" as const,
      email: input.email,
      actor: input.actor,
      counts,
    }))
    const entry = recordPrivacyAuditStep(audit)
    return new WorkflowResponse({ counts, audit: entry })
  }
)
