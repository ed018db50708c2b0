import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type {
  PersonEraseResponse,
  PersonExportResponse,
} from "../../../../types"
import { caller } from "../helpers"
import { erasePerson, exportPerson } from "./handlers"
import type { AdminPersonQueryType } from "./validators"

/** Marks an answer of a deprecated form and names its successor (RFC 8594 style). */
function deprecated(
  res: { setHeader(name: string, value: string): unknown },
  successor: string
) {
  res.setHeader("Deprecation", "true")
  res.setHeader("Link", `<${successor}>; rel="successor-version"`)
}

/**
 * Deprecated: use `POST /admin/autopilot/people/export` with `{ email }` in
 * the body. This form puts the email in the URL, which access logs keep.
 * Answers exactly as the POST form does, plus `Deprecation` and `Link`
 * headers.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminPersonQueryType>,
  res: MedusaResponse<PersonExportResponse<Date>>
) => {
  deprecated(res, "/admin/autopilot/people/export")
  res.json(
    await exportPerson(req.scope, req.validatedQuery.email, caller(req).actor)
  )
}

/**
 * Deprecated: use `POST /admin/autopilot/people/erase` with `{ email }` in
 * the body. This form puts the email in the URL, which access logs keep.
 * Answers exactly as the POST form does, plus `Deprecation` and `Link`
 * headers.
 */
export const DELETE = async (
  req: AuthenticatedMedusaRequest<unknown, AdminPersonQueryType>,
  res: MedusaResponse<PersonEraseResponse<Date>>
) => {
  deprecated(res, "/admin/autopilot/people/erase")
  res.json(
    await erasePerson(req.scope, req.validatedQuery.email, caller(req).actor)
  )
}
