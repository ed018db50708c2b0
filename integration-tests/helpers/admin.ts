import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUserAccountWorkflow } from "@medusajs/medusa/core-flows"
import jwt from "jsonwebtoken"

export const ADMIN_EMAIL = "admin@autopilot.test"

/**
 * Creates an admin user with an email/password identity and returns headers
 * carrying a bearer token for it, as the admin dashboard would send.
 */
export async function createAdminUser(container: MedusaContainer) {
  const authModule = container.resolve(Modules.AUTH)
  const identity = await authModule.createAuthIdentities({
    provider_identities: [
      { provider: "emailpass", entity_id: ADMIN_EMAIL, provider_metadata: {} },
    ],
  })
  const { result: user } = await createUserAccountWorkflow(container).run({
    input: {
      authIdentityId: identity.id,
      userData: { email: ADMIN_EMAIL, first_name: "Ada", last_name: "Admin" },
    },
  })
  const config = container.resolve("configModule") as {
    projectConfig: { http: { jwtSecret?: string } }
  }
  const token = jwt.sign(
    {
      actor_id: user.id,
      actor_type: "user",
      auth_identity_id: identity.id,
      app_metadata: { user_id: user.id },
    },
    config.projectConfig.http.jwtSecret ?? "supersecret",
    { expiresIn: "1d" }
  )
  return { user, headers: { authorization: `Bearer ${token}` } }
}
