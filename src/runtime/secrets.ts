import { MedusaError } from "@medusajs/framework/utils"

/**
 * Option keys whose values are credentials (carrier API keys, webhook
 * secrets, a stock feed's password or token). The admin API never returns
 * them in full.
 */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  "api_key",
  "webhook_secret",
  "secret",
  "password",
  "token",
])

const MASK = "••••"

/**
 * The form a secret is shown in: `••••` and its last 4 characters, enough to
 * tell two keys apart. A short secret shows no characters at all, so the
 * mask never gives away a large part of it.
 */
export function maskSecret(value: string): string {
  return value.length >= 12 ? `${MASK}${value.slice(-4)}` : MASK
}

export function isMasked(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(MASK)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date)
  )
}

/** A copy of `value` with every non-empty secret string masked, at any depth. */
export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v)) as T
  if (!isPlainObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      SECRET_KEYS.has(key) && typeof v === "string" && v !== ""
        ? maskSecret(v)
        : maskSecrets(v)
  }
  return out as T
}

/**
 * Puts the real secrets back into options posted from the admin, which
 * shows them masked: a secret posted exactly as it was shown means "keep
 * the current value" (from the stored setting or the plugin options). A
 * masked value that is not the current one's mask cannot be resolved and is
 * refused (400) rather than stored as a broken key.
 */
export function restoreMaskedSecrets(
  posted: Record<string, unknown>,
  current: Record<string, unknown>,
  path = "options"
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(posted)) {
    const here = current[key]
    if (SECRET_KEYS.has(key) && isMasked(value)) {
      if (
        typeof here === "string" &&
        here !== "" &&
        maskSecret(here) === value
      ) {
        out[key] = here
        continue
      }
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${path}.${key}: a masked value can only keep the current secret; enter the full value to change it`
      )
    }
    out[key] =
      isPlainObject(value) && isPlainObject(here)
        ? restoreMaskedSecrets(value, here, `${path}.${key}`)
        : isPlainObject(value)
          ? restoreMaskedSecrets(value, {}, `${path}.${key}`)
          : value
  }
  return out
}
