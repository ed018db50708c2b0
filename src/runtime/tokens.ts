import type { MedusaContainer } from "@medusajs/framework/types"
import { hashToken, newToken } from "../lib/tokens"
import type { TokenPurpose } from "../types"
import { now } from "./clock"
import { autopilotService } from "./settings"

export type { TokenPurpose }

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

/** Issues several tokens in one statement; returns them in the order asked. */
export async function issueTokens(
  container: MedusaContainer,
  specs: { purpose: TokenPurpose; subjectId: string; ttlMs: number | null }[]
): Promise<string[]> {
  if (!specs.length) return []
  const at = now().getTime()
  const made = specs.map((spec) => ({ spec, ...newToken() }))
  await autopilotService(container).insertTokens(
    made.map(({ spec, hash }) => ({
      hash,
      purpose: spec.purpose,
      subject_id: spec.subjectId,
      expires_at: spec.ttlMs ? new Date(at + spec.ttlMs) : null,
    }))
  )
  return made.map((m) => m.token)
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
