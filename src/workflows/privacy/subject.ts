import { createHmac, randomBytes } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { autopilotService } from "../../runtime/settings"

const SALT_KEY = "privacy_audit_salt"

/** The one form an email is stored and looked up in. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** The shop's secret for audit hashes: made once, kept in `autopilot_state`. */
async function auditSalt(container: MedusaContainer): Promise<string> {
  const service = autopilotService(container)
  const [found] = await service.listStates({ key: SALT_KEY })
  if (found) return (found.value as { salt: string }).salt
  const salt = randomBytes(32).toString("hex")
  // Two first requests at once: the unique key lets one win; both use it.
  await service
    .createStates({ key: SALT_KEY, value: { salt } })
    .catch(() => undefined)
  const [stored] = await service.listStates({ key: SALT_KEY })
  return (stored.value as { salt: string }).salt
}

/**
 * A keyed hash of the email for the audit trail: the same person always
 * gives the same hash in this shop, and without the shop's secret it can't
 * be matched against a list of addresses.
 */
export async function subjectHash(
  container: MedusaContainer,
  email: string
): Promise<string> {
  return createHmac("sha256", await auditSalt(container))
    .update(normaliseEmail(email))
    .digest("hex")
}
