import { z } from "@medusajs/framework/zod"
import type {
  FormField,
  FormNumberField,
  FormSelectOption,
  FormTextField,
  FormUnit,
  JobForm,
} from "../types/forms"

/**
 * What each job option declares next to its schema, with zod's `.meta()`:
 * the label and help line the admin shows, and how the number reads.
 */
export type OptionMeta = {
  title: string
  /** One line of help. */
  description: string
  unit?: FormUnit
  /** Shown value = stored value × scale (0.2 → 20 %). */
  scale?: number
  /** A credential: masked by the admin API, a password input in the form. */
  secret?: boolean
  /** `cards`: the object's child objects render as cards. */
  layout?: "cards"
  /** Labels of an enum's values (the enum value otherwise). */
  labels?: Record<string, string>
  /** A map's key column. */
  key_title?: string
  /** The title of one row of a list of objects. */
  item_title?: string
  /** A list whose values must go up. */
  ascending?: boolean
  placeholder?: string
  /** Optional to save, but the job's readiness asks for it. */
  needed?: boolean
  /** A text holding a Medusa record's id: the admin picks it by name. */
  reference?: "stock_location"
}

type AnySchema = z.ZodType
type Def = {
  type: string
  innerType?: AnySchema
  shape?: Record<string, AnySchema>
  element?: AnySchema
  keyType?: AnySchema
  valueType?: AnySchema
  entries?: Record<string, string | number>
  options?: AnySchema[]
  discriminator?: string
  values?: unknown[]
  in?: AnySchema
  out?: AnySchema
}

function defOf(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def
}

function bagOf(schema: AnySchema): Record<string, unknown> {
  return (
    (schema as unknown as { _zod: { bag?: Record<string, unknown> } })._zod
      .bag ?? {}
  )
}

const WRAPPERS = new Set([
  "default",
  "optional",
  "nullable",
  "prefault",
  "readonly",
])

/** The schema under its default/optional wrappers, with the meta of every layer. */
function unwrap(schema: AnySchema): {
  inner: AnySchema
  optional: boolean
  meta: Partial<OptionMeta>
} {
  let current = schema
  let optional = false
  let meta: Partial<OptionMeta> = {}
  for (;;) {
    const own = z.globalRegistry.get(current) as Partial<OptionMeta> | undefined
    // The outer layer's words win over the inner's.
    if (own) meta = { ...own, ...meta }
    const def = defOf(current)
    if (!WRAPPERS.has(def.type) || !def.innerType) break
    if (def.type === "optional" || def.type === "nullable") optional = true
    current = def.innerType
  }
  return { inner: current, optional, meta }
}

/** Thrown for a schema the form cannot describe: a catalog mistake, caught by the unit test. */
export class FormDescriptionError extends Error {}

function required<K extends keyof OptionMeta>(
  meta: Partial<OptionMeta>,
  key: K,
  path: string
): NonNullable<OptionMeta[K]> {
  const value = meta[key]
  if (value === undefined || value === "") {
    throw new FormDescriptionError(`${path}: no ${String(key)} in its .meta()`)
  }
  return value as NonNullable<OptionMeta[K]>
}

function base(
  key: string,
  path: string,
  meta: Partial<OptionMeta>,
  optional: boolean
) {
  return {
    key,
    path,
    title: required(meta, "title", path),
    help: required(meta, "description", path),
    optional,
    ...(meta.needed ? { needed: true } : {}),
  }
}

function numberField(
  key: string,
  path: string,
  inner: AnySchema,
  meta: Partial<OptionMeta>,
  optional: boolean,
  words = true
): FormNumberField {
  const bag = bagOf(inner)
  const num = (v: unknown) =>
    typeof v === "number" && Number.isFinite(v) ? v : null
  const exclusiveMin = num(bag.exclusiveMinimum)
  const format = bag.format
  return {
    ...(words
      ? base(key, path, meta, optional)
      : {
          key,
          path,
          title: meta.title ?? "",
          help: meta.description ?? "",
          optional,
        }),
    control: "number",
    min: exclusiveMin ?? num(bag.minimum),
    max: num(bag.exclusiveMaximum) ?? num(bag.maximum),
    exclusive_min: exclusiveMin !== null,
    integer: format === "safeint" || format === "int32" || format === "int64",
    unit: meta.unit ?? null,
    scale: meta.scale ?? 1,
  }
}

function textField(
  key: string,
  path: string,
  inner: AnySchema,
  meta: Partial<OptionMeta>,
  optional: boolean,
  words = true
): FormTextField {
  const bag = bagOf(inner)
  const num = (v: unknown) => (typeof v === "number" ? v : null)
  return {
    ...(words
      ? base(key, path, meta, optional)
      : {
          key,
          path,
          title: meta.title ?? "",
          help: meta.description ?? "",
          optional,
        }),
    control: "text",
    secret: meta.secret === true,
    format: bag.format === "url" ? "url" : "text",
    min_length: num(bag.minimum),
    max_length: num(bag.maximum),
    placeholder: meta.placeholder ?? null,
    reference: meta.reference ?? null,
  }
}

function selectOptions(
  values: Array<string | number>,
  labels: Record<string, string> | undefined
): FormSelectOption[] {
  return values.map((v) => ({
    value: String(v),
    label: labels?.[String(v)] ?? String(v),
  }))
}

function fieldsOf(shape: Record<string, AnySchema>, path: string): FormField[] {
  return Object.entries(shape).map(([key, schema]) =>
    describeField(key, `${path}.${key}`, schema)
  )
}

/**
 * The element of a list as the form edits it. A list whose elements are a
 * shorthand or an object (`number | { after_minutes, … }`, turned into the
 * object by a transform) is edited as rows of the object: the parsed
 * options the admin loads always hold objects.
 */
function rowSchema(schema: AnySchema): AnySchema {
  const { inner } = unwrap(schema)
  const def = defOf(inner)
  const input = def.type === "pipe" && def.in ? unwrap(def.in).inner : inner
  const inputDef = defOf(input)
  if (inputDef.type !== "union" || inputDef.discriminator) return schema
  const object = (inputDef.options ?? []).find(
    (o) => defOf(unwrap(o).inner).type === "object"
  )
  return object ?? schema
}

/** One option as a form field; `path` is where a 400 names it. */
export function describeField(
  key: string,
  path: string,
  schema: AnySchema
): FormField {
  const { inner, optional, meta } = unwrap(schema)
  const def = defOf(inner)
  switch (def.type) {
    case "boolean":
      return { ...base(key, path, meta, optional), control: "toggle" }
    case "number":
      return numberField(key, path, inner, meta, optional)
    case "string":
      return textField(key, path, inner, meta, optional)
    case "enum":
      return {
        ...base(key, path, meta, optional),
        control: "select",
        options: selectOptions(Object.values(def.entries ?? {}), meta.labels),
      }
    case "object":
      return {
        ...base(key, path, meta, optional),
        control: "section",
        layout: meta.layout === "cards" ? "cards" : "stack",
        fields: fieldsOf(def.shape ?? {}, path),
      }
    case "array": {
      const element = unwrap(rowSchema(def.element!))
      const elementDef = defOf(element.inner)
      const bag = bagOf(inner)
      const count = (v: unknown) => (typeof v === "number" ? v : null)
      if (elementDef.type === "object") {
        return {
          ...base(key, path, meta, optional),
          control: "rows",
          item_title: required(meta, "item_title", path),
          fields: fieldsOf(elementDef.shape ?? {}, `${path}[]`),
        }
      }
      const itemMeta = { ...meta, ...element.meta }
      const item =
        elementDef.type === "number"
          ? numberField(key, `${path}[]`, element.inner, itemMeta, false, false)
          : elementDef.type === "enum"
            ? {
                ...base(key, `${path}[]`, meta, false),
                control: "select" as const,
                options: selectOptions(
                  Object.values(elementDef.entries ?? {}),
                  itemMeta.labels
                ),
              }
            : elementDef.type === "string"
              ? textField(
                  key,
                  `${path}[]`,
                  element.inner,
                  itemMeta,
                  false,
                  false
                )
              : null
      if (!item) {
        throw new FormDescriptionError(`${path}: a list of ${elementDef.type}`)
      }
      return {
        ...base(key, path, meta, optional),
        control: "list",
        item,
        min_items: count(bag.minimum),
        max_items: count(bag.maximum),
        ascending: meta.ascending === true,
      }
    }
    case "record": {
      return {
        ...base(key, path, meta, optional),
        control: "map",
        key_title: required(meta, "key_title", path),
        value: describeField("*", `${path}.*`, def.valueType!),
      }
    }
    case "union": {
      if (!def.discriminator) break
      const discriminator = def.discriminator
      return {
        ...base(key, path, meta, optional),
        control: "choice",
        discriminator,
        choices: (def.options ?? []).map((option) => {
          const { inner: shapeSchema } = unwrap(option)
          const shape = defOf(shapeSchema).shape ?? {}
          const literal = defOf(unwrap(shape[discriminator]).inner).values?.[0]
          const value = String(literal)
          const rest = Object.fromEntries(
            Object.entries(shape).filter(([k]) => k !== discriminator)
          )
          return {
            value,
            label: meta.labels?.[value] ?? value,
            fields: fieldsOf(rest, path),
          }
        }),
      }
    }
  }
  throw new FormDescriptionError(`${path}: no form control for ${def.type}`)
}

/** A job's settings form from its option schema. */
export function describeForm(schema: z.ZodObject): JobForm {
  return {
    fields: fieldsOf(schema.shape as Record<string, AnySchema>, "options"),
  }
}

/** Every field of a form, nested ones included (for tests and lookups). */
export function allFields(fields: FormField[]): FormField[] {
  return fields.flatMap((f) => {
    switch (f.control) {
      case "section":
      case "rows":
        return [f, ...allFields(f.fields)]
      case "choice":
        return [f, ...f.choices.flatMap((c) => allFields(c.fields))]
      case "map":
        return [f, ...allFields([f.value])]
      default:
        return [f]
    }
  })
}
