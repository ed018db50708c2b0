/**
 * One CSV cell: quoted when it holds a comma, quote or line break. Text that
 * starts like a spreadsheet formula (`=`, `+`, `-`, `@`, tab or carriage
 * return) is prefixed with `'`, so an exported email such as
 * `=HYPERLINK(...)` or `-1+cmd|' /C calc'!A0` stays text. A JS number is
 * written as it is (`-3`): only text is guarded.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ""
  let s = String(value)
  const isNumber = typeof value === "number" || typeof value === "bigint"
  if (!isNumber && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(",") + "\n"
}
