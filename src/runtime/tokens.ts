import type { MedusaContainer } from "@medusajs/framework/types"
import { hashToken, newToken } from "../lib/tokens"
import { now } from "./clock"
import { autopilotService } from "./settings"

export type TokenPurpose =
  "restock_confirm" | "unsubscribe" | "restock_alert" | "cart_recovery"

/** Issues a token for a message link; only its hash is kept. */
export async function issueToken(
  container: MedusaContainer,
  purpose: TokenPurpose,
  subjectId: string,
  ttlMs: number | null
): Promise<string> {
  const { token, hash } = newToken()
  await autopilotService(container).createTokens({
    hash,
    purpose,
    subject_id: subjectId,
    expires_at: ttlMs ? new Date(now().getTime() + ttlMs) : null,
  })
  return token
}

/** The subject of a valid, unexpired token of that purpose, or null. */
export async function resolveToken(
  container: MedusaContainer,
  purpose: TokenPurpose,
  token: string
): Promise<{ id: string; subject_id: string } | null> {
  if (!token) return null
  const [row] = await autopilotService(container).listTokens({
    hash: hashToken(token),
    purpose,
  })
  if (!row) return null
  if (row.expires_at && new Date(row.expires_at).getTime() < now().getTime()) {
    return null
  }
  return { id: row.id, subject_id: row.subject_id }
}
