import type { MedusaContainer } from "@medusajs/framework/types"
import type {
  PersonEraseResponse,
  PersonExportResponse,
} from "../../../../types"
import {
  erasePersonWorkflow,
  exportPersonWorkflow,
} from "../../../../workflows/privacy"

/**
 * Everything the plugin holds about one person, per domain and table
 * (`person.data.<domain>.<table>`). An unknown email answers with empty
 * tables, like a known one. Recorded in the privacy audit.
 */
export async function exportPerson(
  scope: MedusaContainer,
  email: string,
  actor: string | null
): Promise<PersonExportResponse<Date>> {
  const { result } = await exportPersonWorkflow(scope).run({
    input: { email, actor },
  })
  return { person: { email, data: result.data }, audit: result.audit }
}

/**
 * Erases or anonymises what the plugin holds about one person across its
 * tables (see the README for what each table does), and records an audit
 * entry with the counts, without the email.
 */
export async function erasePerson(
  scope: MedusaContainer,
  email: string,
  actor: string | null
): Promise<PersonEraseResponse<Date>> {
  const { result } = await erasePersonWorkflow(scope).run({
    input: { email, actor },
  })
  return { erased: result.counts, audit: result.audit }
}
