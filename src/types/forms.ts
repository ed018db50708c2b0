/**
 * A job's settings form, described by the server from the job's option
 * schema (the single source: labels, help lines, units, bounds and controls
 * are declared next to each option in `src/catalog`). The admin renders it
 * without knowing any job.
 */

/** What a number means, shown beside its input. */
export type FormUnit =
  | "seconds"
  | "minutes"
  | "hours"
  | "days"
  | "%"
  | "per second"
  | "rows"
  | "items"

type FormFieldBase = {
  /** The option's key in its object (`max_change_ratio`). */
  key: string
  /** Dotted path from the job's options, e.g. `options.ip_limit.max`. */
  path: string
  /** A label in the merchant's words. */
  title: string
  /** One line of help. */
  help: string
  /** May be left empty (the job then does without it). */
  optional: boolean
  /** Optional to save, but the job cannot be switched on without it. */
  needed?: boolean
}

export type FormNumberField = FormFieldBase & {
  control: "number"
  min: number | null
  max: number | null
  /** True when the bound itself is not allowed (`positive()`: above 0). */
  exclusive_min: boolean
  integer: boolean
  unit: FormUnit | null
  /**
   * The shown value is the stored value times this (0.2 shown as 20 %,
   * milliseconds shown as seconds with 0.001); bounds are stored values.
   */
  scale: number
}

export type FormToggleField = FormFieldBase & { control: "toggle" }

export type FormSelectOption = { value: string; label: string }

export type FormSelectField = FormFieldBase & {
  control: "select"
  options: FormSelectOption[]
}

export type FormTextField = FormFieldBase & {
  control: "text"
  /** A credential: shown masked, with a Replace action. */
  secret: boolean
  format: "url" | "text"
  min_length: number | null
  max_length: number | null
  placeholder: string | null
  /** The id of a Medusa record, picked by name (`stock_location`). */
  reference: "stock_location" | null
}

/** A list of numbers or texts, one row each, with add and remove. */
export type FormListField = FormFieldBase & {
  control: "list"
  item: FormNumberField | FormTextField | FormSelectField
  min_items: number | null
  max_items: number | null
  /** Each value must be greater than the one before. */
  ascending: boolean
}

/** Key → value rows (a location map, a cadence per provider). */
export type FormMapField = FormFieldBase & {
  control: "map"
  key_title: string
  value: FormField
}

/** A nested object: its own fields under a heading. */
export type FormSectionField = FormFieldBase & {
  control: "section"
  /** `cards`: each child section is a card (carrier providers). */
  layout: "stack" | "cards"
  fields: FormField[]
}

/** One of several shapes picked by a `type` (the feed's sign-in). */
export type FormChoiceField = FormFieldBase & {
  control: "choice"
  discriminator: string
  choices: Array<{ value: string; label: string; fields: FormField[] }>
}

/** A list of objects, one card each (shipment routing rules). */
export type FormRowsField = FormFieldBase & {
  control: "rows"
  item_title: string
  fields: FormField[]
}

export type FormField =
  | FormNumberField
  | FormToggleField
  | FormSelectField
  | FormTextField
  | FormListField
  | FormMapField
  | FormSectionField
  | FormChoiceField
  | FormRowsField

/** A job's whole settings form. */
export type JobForm = { fields: FormField[] }

/** A required setting that is missing, in the merchant's words. */
export type ReadinessItem = {
  /** The field to take the merchant to, e.g. `options.url`. */
  path: string
  message: string
}

export type JobReadiness = {
  ready: boolean
  missing: ReadinessItem[]
}

/** One field the server refused, in a 400 answer. */
export type FieldError = { path: string; message: string }

/** The body of a 400 from `POST /admin/autopilot/jobs/:name`. */
export type JobUpdateErrorBody = {
  type: string
  message: string
  fields?: FieldError[]
}
