/**
 * One CSV cell: quoted when it holds a comma, quote or line break, and
 * prefixed with `'` when it starts like a spreadsheet formula (`=`, `+`,
 * `-`, `@`), so an exported email such as `=HYPERLINK(...)` stays text.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : String(value)
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(",") + "\n"
}
