import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { PersonEraseResponse } from "../../../../../types"
import { caller } from "../../helpers"
import { erasePerson } from "../handlers"
import type { AdminPersonBodyType } from "../validators"

/**
 * Erases or anonymises what the plugin holds about one person,
 * `{ "email": "…" }` in the body, across its tables (see the README for
 * what each table does), and records an audit entry with the counts,
 * without the email. Erasing again is harmless.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminPersonBodyType>,
  res: MedusaResponse<PersonEraseResponse<Date>>
) => {
  res.json(
    await erasePerson(req.scope, req.validatedBody.email, caller(req).actor)
  )
}
