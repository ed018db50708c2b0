import type {
  FormField,
  FormNumberField,
  FormTextField,
  JobForm,
} from "../../../types"

/** Field errors by concrete path (`options.steps.1`, `schedule`). */
export type FieldErrors = Record<string, string>

/** How the admin API shows a stored secret: `••••` and maybe its last 4. */
export const isMaskedSecret = (value: unknown): value is string =>
  typeof value === "string" && value.startsWith("••••")

/** Scaling leaves float noise (0.07 × 100 = 7.000000000000001): trim it. */
const trim = (n: number) => Number(n.toPrecision(12))

/** A stored number as the merchant sees it (0.2 → 20 for a percentage). */
export function toShown(field: FormNumberField, value: number): number {
  return field.scale === 1 ? value : trim(value * field.scale)
}

/**
 * A number the merchant typed, as stored (20 % → 0.2). Unscaled numbers are
 * kept exactly as typed, so a wrong one (2.5 for a whole number) is refused
 * rather than silently rounded; a scaled whole number (seconds typed for a
 * value kept in milliseconds) is rounded to its unit.
 */
export function fromShown(field: FormNumberField, shown: number): number {
  if (field.scale === 1) return shown
  const stored = trim(shown / field.scale)
  return field.integer ? Math.round(stored) : stored
}

function unitWords(field: FormNumberField, n: number): string {
  const shown = toShown(field, n)
  if (!field.unit) return `${shown}`
  return field.unit === "%" ? `${shown} %` : `${shown} ${field.unit}`
}

/** The client-side check of one number; null when fine. */
export function checkNumber(
  field: FormNumberField,
  value: unknown
): string | null {
  if (value === undefined || value === null || value === "") {
    return field.optional ? null : "Enter a number"
  }
  if (typeof value !== "number" || Number.isNaN(value)) return "Enter a number"
  if (field.integer && !Number.isInteger(value)) return "Enter a whole number"
  if (field.min !== null) {
    if (field.exclusive_min && value <= field.min) {
      return `Must be more than ${unitWords(field, field.min)}`
    }
    if (!field.exclusive_min && value < field.min) {
      return `Must be at least ${unitWords(field, field.min)}`
    }
  }
  if (field.max !== null && value > field.max) {
    return `Must be at most ${unitWords(field, field.max)}`
  }
  return null
}

/** The client-side check of one text; null when fine. */
export function checkText(field: FormTextField, value: unknown): string | null {
  if (value === undefined || value === null || value === "") {
    return field.optional || field.min_length === null || field.min_length === 0
      ? null
      : "Required"
  }
  if (typeof value !== "string") return "Enter a text"
  if (field.secret && isMaskedSecret(value)) return null
  if (field.min_length !== null && value.length < field.min_length) {
    return `At least ${field.min_length} characters`
  }
  if (field.max_length !== null && value.length > field.max_length) {
    return `At most ${field.max_length} characters`
  }
  if (field.format === "url" && !/^https?:\/\/[^\s/]+/.test(value)) {
    return "Enter a web address starting with http:// or https://"
  }
  return null
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v)

/** Every client-side error of a form's values, by concrete path. */
export function checkForm(form: JobForm, options: Record<string, unknown>) {
  const errors: FieldErrors = {}
  const walk = (
    fields: FormField[],
    values: Record<string, unknown>,
    at: string
  ) => {
    for (const field of fields)
      walkField(field, values[field.key], `${at}.${field.key}`)
  }
  const walkField = (field: FormField, value: unknown, at: string): void => {
    let problem: string | null = null
    switch (field.control) {
      case "number":
        problem = checkNumber(field, value)
        break
      case "text":
        problem = checkText(field, value)
        break
      case "list": {
        const items = Array.isArray(value) ? value : []
        if (field.min_items !== null && items.length < field.min_items) {
          problem = `Add at least ${field.min_items}`
        } else if (field.max_items !== null && items.length > field.max_items) {
          problem = `At most ${field.max_items}`
        } else if (
          field.ascending &&
          items.some((v, i) => i > 0 && Number(v) <= Number(items[i - 1]))
        ) {
          problem = "Each one must be later than the one before"
        }
        items.forEach((item, i) => {
          const itemProblem =
            field.item.control === "number"
              ? checkNumber({ ...field.item, optional: false }, item)
              : field.item.control === "text"
                ? (checkText({ ...field.item, optional: false }, item) ??
                  (item === "" ? "Required" : null))
                : null
          if (itemProblem) errors[`${at}.${i}`] = itemProblem
        })
        break
      }
      case "map":
        if (isObject(value)) {
          for (const [key, v] of Object.entries(value)) {
            walkField(field.value, v, `${at}.${key}`)
          }
        }
        break
      case "section":
        walk(field.fields, isObject(value) ? value : {}, at)
        break
      case "choice": {
        const v = isObject(value) ? value : {}
        const choice = field.choices.find(
          (c) => c.value === v[field.discriminator]
        )
        if (choice) walk(choice.fields, v, at)
        break
      }
      case "rows":
        if (Array.isArray(value)) {
          value.forEach((row, i) =>
            walk(field.fields, isObject(row) ? row : {}, `${at}.${i}`)
          )
        }
        break
    }
    if (problem) errors[at] = problem
  }
  walk(form.fields, options, "options")
  return errors
}

/**
 * The errors a server's 400 names: its message lists `path: reason` pairs
 * separated by "; " (the same pairs as its `fields`, which the SDK's error
 * does not carry).
 */
export function fieldErrorsFromMessage(message: string): FieldErrors {
  const errors: FieldErrors = {}
  // "; " also occurs inside a reason: split only before the next path
  for (const part of message.split(/; (?=(?:options|schedule)[.[:])/)) {
    const match = /^((?:options|schedule)(?:[.[][^\s:]*)?): (.+)$/s.exec(part)
    if (match) errors[match[1]] = match[2]
  }
  return errors
}

/** A fresh row of a list of objects: required choices pre-picked. */
export function newRow(fields: FormField[]): Record<string, unknown> {
  const row: Record<string, unknown> = {}
  for (const f of fields) {
    if (f.control === "select" && !f.optional && f.options.length) {
      row[f.key] = f.options[0].value
    }
  }
  return row
}

/** Takes the merchant to a field: scrolls to it and focuses its input. */
export function focusField(path: string): boolean {
  const wrapper = document.querySelector<HTMLElement>(
    `[data-field-path="${path}"]`
  )
  if (!wrapper) return false
  wrapper.scrollIntoView({ behavior: "smooth", block: "center" })
  const input = wrapper.querySelector<HTMLElement>(
    "input:not([type=hidden]), button[role=combobox], button[role=switch], textarea, button"
  )
  ;(input ?? wrapper).focus({ preventScroll: true })
  return true
}
