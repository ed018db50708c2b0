import {
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { collectPersonalDataStep } from "../steps/collect-personal-data"
import { recordPrivacyAuditStep } from "../steps/record-privacy-audit"

export type ExportPersonWorkflowInput = { email: string; actor: string | null }

export const exportPersonWorkflowId = "export-person"

/**
 * A data-access request: everything the plugin holds about one email, per
 * domain and table, and an audit entry saying who looked and how much was
 * found (without the email).
 *
 * @example
 * const { result } = await exportPersonWorkflow(container).run({ input: { email: "ann@example.com", actor: "user_1" } })
 */
export const exportPersonWorkflow = createWorkflow(
  exportPersonWorkflowId,
  (input: ExportPersonWorkflowInput) => {
    const data = collectPersonalDataStep({ email: input.email })
    const audit = transform({ data, input }, ({ data, input }) => ({
      action: "export" as const,
      email: input.email,
      actor: input.actor,
      counts: Object.fromEntries(
        Object.entries(data).flatMap(([domain, tables]) =>
          Object.entries(tables).map(([table, rows]) => [
            `${domain}.${table}`,
            rows.length,
          ])
        )
      ),
    }))
    const entry = recordPrivacyAuditStep(audit)
    return new WorkflowResponse({ data, audit: entry })
  }
)
