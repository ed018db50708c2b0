import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { PersonExportResponse } from "../../../../../types"
import { caller } from "../../helpers"
import { exportPerson } from "../handlers"
import type { AdminPersonBodyType } from "../validators"

/**
 * Everything the plugin holds about one person, `{ "email": "…" }` in the
 * body (`person.data.<domain>.<table>`). An unknown email answers 200 with
 * empty tables, like a known one. Recorded in the privacy audit, without
 * the email.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminPersonBodyType>,
  res: MedusaResponse<PersonExportResponse<Date>>
) => {
  res.json(
    await exportPerson(req.scope, req.validatedBody.email, caller(req).actor)
  )
}
