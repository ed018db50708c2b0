/** The longest link the plugin shows or sends; carriers' links are far shorter. */
export const MAX_LINK_LENGTH = 2048

/**
 * A URL that is safe to make a link of (an admin `href`, a link in a
 * message): an absolute `http:` or `https:` URL without credentials, as
 * parsed (`href`); null for anything else — `javascript:`, `data:`, relative
 * and protocol-relative URLs, non-strings. React renders a `javascript:`
 * href as given, so every tracking URL a carrier or a label supplies goes
 * through this before it becomes a link. Pure: runs in the admin and on the
 * server alike.
 */
export function safeHttpUrl(url: unknown): string | null {
  if (typeof url !== "string") return null
  const text = url.trim()
  if (!text || text.length > MAX_LINK_LENGTH) return null
  let parsed: URL
  try {
    parsed = new URL(text)
  } catch {
    return null
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null
  if (!parsed.hostname || parsed.username || parsed.password) return null
  return parsed.href
}
