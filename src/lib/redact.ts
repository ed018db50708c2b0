/**
 * Anything that looks like an email address. Deliberately loose: in a log
 * line a false positive costs a few masked characters, a miss leaks a person.
 */
export const EMAIL_PATTERN =
  /[^\s@"'<>(),;:[\]\\]+@[^\s@"'<>(),;:[\]\\]+\.[a-z]{2,}/gi

/** `ann.lee@example.com` → `a***@example.com`: enough to tell cases apart, not to reach a person. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@")
  if (at < 1) return "***"
  return `${email[0]}***${email.slice(at)}`
}

/** Masks every email address in a text meant for a log line. */
export function redactEmails(text: string): string {
  return text.replace(EMAIL_PATTERN, maskEmail)
}
