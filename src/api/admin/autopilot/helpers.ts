import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { isJobName, type JobName } from "../../../catalog/jobs"
import type { RunTrigger } from "../../../types"

/** The job named in the path, or a 404. */
export function jobNameParam(req: AuthenticatedMedusaRequest): JobName {
  const name = req.params.name
  if (!isJobName(name)) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Autopilot job "${name}" does not exist`
    )
  }
  return name
}

/**
 * Who is asking: an admin user (trigger `manual`) or a secret API key, e.g.
 * an external scheduler (trigger `api`).
 */
export function caller(req: AuthenticatedMedusaRequest): {
  actor: string | null
  trigger: Extract<RunTrigger, "manual" | "api">
} {
  const ctx = req.auth_context
  return {
    actor: ctx?.actor_id || null,
    trigger: ctx?.actor_type === "api-key" ? "api" : "manual",
  }
}
