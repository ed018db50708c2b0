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
 * refused (400) rather than stored as a broken key. A mask posted with a new
 * address for its object is refused by {@link refuseMaskedSecretsAtNewAddress}.
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

/**
 * Option keys naming where a secret of the same object is sent: a carrier
 * provider's `base_url`, the stock feed's `url`.
 */
export const ADDRESS_KEYS: ReadonlySet<string> = new Set(["base_url", "url"])

export type SecretAtNewAddress = {
  /** The masked secret's path, e.g. `options.providers.aftership.api_key`. */
  secret: string
  /** The address that changed, e.g. `options.providers.aftership.base_url`. */
  address: string
}

/**
 * The secrets posted as their mask inside an object whose address changes
 * with the same request: keeping them would send the stored key to the new
 * host. `before` and `after` are the options before and after the change
 * (defaults filled in, so an address left out and falling back to the
 * default counts as a change); an address applies to the secrets of its own
 * object and of the objects below it (the feed's `url` to `auth.token`).
 */
export function maskedSecretsAtNewAddress(
  posted: Record<string, unknown>,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  path = "options",
  moved: string | null = null
): SecretAtNewAddress[] {
  let address = moved
  for (const key of ADDRESS_KEYS) {
    if (address) break
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      address = `${path}.${key}`
    }
  }
  const found: SecretAtNewAddress[] = []
  for (const [key, value] of Object.entries(posted)) {
    if (SECRET_KEYS.has(key) && isMasked(value)) {
      if (address) found.push({ secret: `${path}.${key}`, address })
    } else if (isPlainObject(value)) {
      found.push(
        ...maskedSecretsAtNewAddress(
          value,
          isPlainObject(before[key]) ? before[key] : {},
          isPlainObject(after[key]) ? after[key] : {},
          `${path}.${key}`,
          address
        )
      )
    }
  }
  return found
}

/**
 * Refuses (400) a change that moves a secret's object to another address
 * while the secret is posted as its mask: the admin enters the secret again
 * for the new host, or the old key would follow the address.
 */
export function refuseMaskedSecretsAtNewAddress(
  posted: Record<string, unknown>,
  before: Record<string, unknown>,
  after: Record<string, unknown>
): void {
  const found = maskedSecretsAtNewAddress(posted, before, after)
  if (!found.length) return
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    found
      .map(
        (f) =>
          `${f.secret}: enter the secret again for the new address (${f.address} changed)`
      )
      .join("; ")
  )
}
