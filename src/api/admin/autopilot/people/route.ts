import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  erasePersonWorkflow,
  exportPersonWorkflow,
} from "../../../../workflows/privacy"
import type {
  PersonEraseResponse,
  PersonExportResponse,
} from "../../../../types"
import { caller } from "../helpers"
import type { AdminPersonQueryType } from "./validators"

/**
 * Everything the plugin holds about one person, per domain and table
 * (`person.data.<domain>.<table>`). An unknown email answers 200 with empty
 * tables, like a known one. Recorded in the privacy audit.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminPersonQueryType>,
  res: MedusaResponse<PersonExportResponse<Date>>
) => {
  const { email } = req.validatedQuery
  const { result } = await exportPersonWorkflow(req.scope).run({
    input: { email, actor: caller(req).actor },
  })
  res.json({
    person: { email, data: result.data },
    audit: result.audit,
  })
}

/**
 * Erases or anonymises what the plugin holds about one person across its
 * tables (see the README for what each table does), and records an audit
 * entry with the counts, without the email.
 */
export const DELETE = async (
  req: AuthenticatedMedusaRequest<unknown, AdminPersonQueryType>,
  res: MedusaResponse<PersonEraseResponse<Date>>
) => {
  const { email } = req.validatedQuery
  const { result } = await erasePersonWorkflow(req.scope).run({
    input: { email, actor: caller(req).actor },
  })
  res.json({ erased: result.counts, audit: result.audit })
}
