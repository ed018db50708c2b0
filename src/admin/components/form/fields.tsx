import { PlusMini, Trash } from "@medusajs/icons"
import {
  Badge,
  Button,
  IconButton,
  Input,
  Label,
  Select,
  Switch,
  Text,
  clx,
} from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState, type ReactNode } from "react"
import { sdk } from "../../lib/sdk"
import type {
  FormChoiceField,
  FormField,
  FormListField,
  FormMapField,
  FormNumberField,
  FormRowsField,
  FormSectionField,
  FormSelectField,
  FormTextField,
} from "../../../types"
import {
  type FieldErrors,
  fromShown,
  isMaskedSecret,
  newRow,
  toShown,
} from "./values"

type Change = (value: unknown) => void

/** "Provider ID" → "provider ID" for "Add provider ID". */
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

/** A field's input id from its concrete path. */
export const inputId = (at: string) =>
  `autopilot-field-${at.replace(/[^A-Za-z0-9_-]/g, "-")}`

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v)

/** The error under a field, if any. */
const FieldError = ({ at, errors }: { at: string; errors: FieldErrors }) =>
  errors[at] ? (
    <Text
      size="xsmall"
      className="text-ui-fg-error"
      data-testid="autopilot-field-error"
      data-error-path={at}
    >
      {errors[at]}
    </Text>
  ) : null

/** Label, help line, the control and its error: one option. */
const Labelled = ({
  field,
  at,
  errors,
  children,
  inline = false,
}: {
  field: FormField
  at: string
  errors: FieldErrors
  children: ReactNode
  inline?: boolean
}) => (
  <div className="flex flex-col gap-y-1" data-field-path={at}>
    <div className={inline ? "flex items-start gap-x-3" : ""}>
      {inline && <div className="pt-0.5">{children}</div>}
      <div className="flex flex-col gap-y-0.5">
        <Label htmlFor={inputId(at)} size="small" weight="plus">
          {field.title}
          {field.optional && !field.needed && (
            <span className="text-ui-fg-muted font-normal"> (optional)</span>
          )}
        </Label>
        <Text size="xsmall" className="text-ui-fg-subtle">
          {field.help}
        </Text>
      </div>
    </div>
    {!inline && children}
    <FieldError at={at} errors={errors} />
  </div>
)

const unitText = (field: FormNumberField) => field.unit

/** A number input in the merchant's unit, kept as text while typed. */
export const NumberInput = ({
  field,
  at,
  value,
  onChange,
  invalid,
  label,
}: {
  field: FormNumberField
  at: string
  value: unknown
  onChange: Change
  invalid: boolean
  label?: string
}) => {
  const shownOf = (v: unknown) =>
    typeof v === "number" ? String(toShown(field, v)) : ""
  const [text, setText] = useState(shownOf(value))
  const unit = unitText(field)
  return (
    <div className="flex items-center gap-x-2">
      <Input
        id={inputId(at)}
        type="number"
        size="small"
        inputMode="decimal"
        // any step: 0.2 or 20 % must be enterable; bounds are checked below
        step="any"
        // wide enough for the whole number (0.001388888888888889 included)
        style={{ width: `${Math.min(Math.max(text.length + 6, 12), 30)}ch` }}
        value={text}
        aria-invalid={invalid}
        aria-label={label}
        onChange={(e) => {
          setText(e.target.value)
          const raw = e.target.value.trim()
          if (raw === "") return onChange(undefined)
          const n = Number(raw)
          onChange(Number.isNaN(n) ? raw : fromShown(field, n))
        }}
      />
      {unit && (
        <Text size="small" className="text-ui-fg-subtle whitespace-nowrap">
          {unit}
        </Text>
      )}
    </div>
  )
}

const NONE = "__none"

const SelectInput = ({
  field,
  at,
  value,
  onChange,
  invalid,
}: {
  field: FormSelectField
  at: string
  value: unknown
  onChange: Change
  invalid: boolean
}) => (
  <Select
    value={typeof value === "string" ? value : field.optional ? NONE : ""}
    onValueChange={(v) => onChange(v === NONE ? undefined : v)}
    size="small"
  >
    <Select.Trigger id={inputId(at)} className="w-72" aria-invalid={invalid}>
      <Select.Value placeholder="Choose…" />
    </Select.Trigger>
    <Select.Content>
      {field.optional && <Select.Item value={NONE}>None</Select.Item>}
      {field.options.map((o) => (
        <Select.Item key={o.value} value={o.value}>
          {o.label}
        </Select.Item>
      ))}
    </Select.Content>
  </Select>
)

/** A credential: the stored one stays masked until the merchant replaces it. */
const SecretInput = ({
  field,
  at,
  value,
  onChange,
  invalid,
}: {
  field: FormTextField
  at: string
  value: unknown
  onChange: Change
  invalid: boolean
}) => {
  const [stored] = useState(isMaskedSecret(value) ? value : null)
  const replacing = !isMaskedSecret(value)
  if (stored && !replacing) {
    return (
      <div className="flex items-center gap-x-2">
        <Badge size="2xsmall" className="font-mono">
          {stored}
        </Badge>
        <Text size="xsmall" className="text-ui-fg-subtle">
          Saved
        </Text>
        <Button
          id={inputId(at)}
          size="small"
          variant="secondary"
          type="button"
          onClick={() => onChange("")}
        >
          Replace
        </Button>
      </div>
    )
  }
  return (
    <div className="flex items-center gap-x-2">
      <Input
        id={inputId(at)}
        type="password"
        size="small"
        className="w-72"
        autoComplete="new-password"
        placeholder={stored ? "Enter the new value" : "Not set"}
        value={typeof value === "string" ? value : ""}
        aria-invalid={invalid}
        onChange={(e) =>
          onChange(
            e.target.value === "" && field.optional ? undefined : e.target.value
          )
        }
      />
      {stored && (
        <Button
          size="small"
          variant="transparent"
          type="button"
          onClick={() => onChange(stored)}
        >
          Keep the saved one
        </Button>
      )}
    </div>
  )
}

/** A stock location picked by name; its id is stored. */
const StockLocationInput = ({
  field,
  at,
  value,
  onChange,
  invalid,
}: {
  field: FormTextField
  at: string
  value: unknown
  onChange: Change
  invalid: boolean
}) => {
  const { data } = useQuery({
    queryKey: ["autopilot", "form", "stock-locations"],
    queryFn: () =>
      sdk.admin.stockLocation.list({ fields: "id,name", limit: 200 }),
  })
  const locations = data?.stock_locations ?? []
  const current = typeof value === "string" && value !== "" ? value : null
  const known = !current || locations.some((l) => l.id === current)
  return (
    <Select
      value={current ?? (field.optional ? NONE : "")}
      onValueChange={(v) => onChange(v === NONE ? undefined : v)}
      size="small"
    >
      <Select.Trigger id={inputId(at)} className="w-72" aria-invalid={invalid}>
        <Select.Value placeholder="Choose a stock location" />
      </Select.Trigger>
      <Select.Content>
        {field.optional && <Select.Item value={NONE}>None</Select.Item>}
        {!known && current && (
          <Select.Item value={current}>A location no longer found</Select.Item>
        )}
        {locations.map((l) => (
          <Select.Item key={l.id} value={l.id}>
            {l.name}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  )
}

const TextInput = ({
  field,
  at,
  value,
  onChange,
  invalid,
  label,
}: {
  field: FormTextField
  at: string
  value: unknown
  onChange: Change
  invalid: boolean
  label?: string
}) =>
  field.reference === "stock_location" ? (
    <StockLocationInput
      field={field}
      at={at}
      value={value}
      onChange={onChange}
      invalid={invalid}
    />
  ) : field.secret ? (
    <SecretInput
      field={field}
      at={at}
      value={value}
      onChange={onChange}
      invalid={invalid}
    />
  ) : (
    <Input
      id={inputId(at)}
      size="small"
      className={field.format === "url" ? "w-full max-w-xl" : "w-full max-w-md"}
      placeholder={field.placeholder ?? undefined}
      value={typeof value === "string" ? value : ""}
      aria-invalid={invalid}
      aria-label={label}
      onChange={(e) =>
        onChange(
          e.target.value === "" && field.optional ? undefined : e.target.value
        )
      }
    />
  )

const AddButton = ({
  onClick,
  children,
  disabled,
}: {
  onClick: () => void
  children: ReactNode
  disabled?: boolean
}) => (
  <div>
    <Button
      size="small"
      variant="secondary"
      type="button"
      onClick={onClick}
      disabled={disabled}
    >
      <PlusMini />
      {children}
    </Button>
  </div>
)

const RemoveButton = ({
  onClick,
  label,
}: {
  onClick: () => void
  label: string
}) => (
  <IconButton
    size="small"
    variant="transparent"
    type="button"
    onClick={onClick}
    aria-label={label}
  >
    <Trash />
  </IconButton>
)

/** A list of numbers or texts, one row each. */
const ListInput = ({
  field,
  at,
  value,
  onChange,
  errors,
}: {
  field: FormListField
  at: string
  value: unknown
  onChange: Change
  errors: FieldErrors
}) => {
  const items = Array.isArray(value) ? value : []
  // Rows keep their inputs while others are removed.
  const [keys, setKeys] = useState(() => items.map((_, i) => i))
  const [next, setNext] = useState(items.length)
  const set = (i: number, v: unknown) =>
    onChange(items.map((old, j) => (j === i ? v : old)))
  return (
    <div className="flex flex-col gap-y-2">
      {items.map((item, i) => {
        const here = `${at}.${i}`
        const itemField = field.item
        return (
          <div key={keys[i] ?? i} className="flex flex-col gap-y-1">
            <div className="flex items-center gap-x-2">
              {itemField.control === "number" ? (
                <NumberInput
                  field={itemField}
                  at={here}
                  value={item}
                  onChange={(v) => set(i, v)}
                  invalid={!!errors[here]}
                  label={`${field.title} ${i + 1}`}
                />
              ) : itemField.control === "select" ? (
                <SelectInput
                  field={itemField}
                  at={here}
                  value={item}
                  onChange={(v) => set(i, v)}
                  invalid={!!errors[here]}
                />
              ) : (
                <TextInput
                  field={{ ...itemField, optional: false }}
                  at={here}
                  value={item}
                  onChange={(v) => set(i, v)}
                  invalid={!!errors[here]}
                  label={`${field.title} ${i + 1}`}
                />
              )}
              <RemoveButton
                label={`Remove ${field.title.toLowerCase()} ${i + 1}`}
                onClick={() => {
                  onChange(items.filter((_, j) => j !== i))
                  setKeys(keys.filter((_, j) => j !== i))
                }}
              />
            </div>
            <FieldError at={here} errors={errors} />
          </div>
        )
      })}
      <AddButton
        disabled={field.max_items !== null && items.length >= field.max_items}
        onClick={() => {
          onChange([...items, field.item.control === "number" ? undefined : ""])
          setKeys([...keys, next])
          setNext(next + 1)
        }}
      >
        Add
      </AddButton>
    </div>
  )
}

/** Key → value rows. */
const MapInput = ({
  field,
  at,
  value,
  onChange,
  errors,
}: {
  field: FormMapField
  at: string
  value: unknown
  onChange: Change
  errors: FieldErrors
}) => {
  const [rows, setRows] = useState<Array<[string, unknown]>>(() =>
    Object.entries(isObject(value) ? value : {})
  )
  const update = (next: Array<[string, unknown]>) => {
    setRows(next)
    onChange(Object.fromEntries(next.filter(([k]) => k.trim() !== "")))
  }
  const valueField = field.value
  return (
    <div className="flex flex-col gap-y-2">
      {rows.length > 0 && (
        <div className="grid grid-cols-[minmax(0,14rem)_minmax(0,1fr)_auto] items-start gap-x-3 gap-y-2">
          <Text size="xsmall" weight="plus" className="text-ui-fg-subtle">
            {field.key_title}
          </Text>
          <Text size="xsmall" weight="plus" className="text-ui-fg-subtle">
            {valueField.title}
          </Text>
          <span />
          {rows.map(([key, v], i) => {
            const here = `${at}.${key}`
            return (
              <MapRow
                key={i}
                index={i}
                keyTitle={field.key_title}
                rowKey={key}
                at={here}
                valueField={valueField}
                value={v}
                errors={errors}
                onKey={(k) =>
                  update(rows.map((r, j) => (j === i ? [k, r[1]] : r)))
                }
                onValue={(nv) =>
                  update(rows.map((r, j) => (j === i ? [r[0], nv] : r)))
                }
                onRemove={() => update(rows.filter((_, j) => j !== i))}
              />
            )
          })}
        </div>
      )}
      <AddButton
        onClick={() =>
          setRows([
            ...rows,
            ["", valueField.control === "list" ? [] : undefined],
          ])
        }
      >
        Add {lowerFirst(field.key_title)}
      </AddButton>
    </div>
  )
}

const MapRow = ({
  index,
  keyTitle,
  rowKey,
  at,
  valueField,
  value,
  errors,
  onKey,
  onValue,
  onRemove,
}: {
  index: number
  keyTitle: string
  rowKey: string
  at: string
  valueField: FormField
  value: unknown
  errors: FieldErrors
  onKey: (key: string) => void
  onValue: Change
  onRemove: () => void
}) => (
  <>
    <Input
      size="small"
      value={rowKey}
      aria-label={`${keyTitle} ${index + 1}`}
      onChange={(e) => onKey(e.target.value)}
    />
    <div className="flex flex-col gap-y-1" data-field-path={at}>
      <Control
        field={valueField}
        at={at}
        value={value}
        onChange={onValue}
        errors={errors}
      />
      <FieldError at={at} errors={errors} />
    </div>
    <RemoveButton label={`Remove ${rowKey || "row"}`} onClick={onRemove} />
  </>
)

const SectionInput = ({
  field,
  at,
  value,
  onChange,
  errors,
  flat = false,
}: {
  field: FormSectionField
  at: string
  value: unknown
  onChange: Change
  errors: FieldErrors
  /** Inside a card: no rule on the left. */
  flat?: boolean
}) => {
  const v = isObject(value) ? value : {}
  const set = (key: string, nv: unknown) => {
    const next = { ...v }
    if (nv === undefined) delete next[key]
    else next[key] = nv
    onChange(next)
  }
  if (field.layout === "cards") {
    return (
      <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
        {field.fields.map((child) => (
          <div
            key={child.key}
            className="shadow-elevation-card-rest bg-ui-bg-component flex flex-col gap-y-3 rounded-lg p-4"
            data-testid={`autopilot-card-${child.key}`}
          >
            {child.control === "section" ? (
              <div
                className="flex flex-col gap-y-3"
                data-field-path={`${at}.${child.key}`}
              >
                <div className="flex flex-col gap-y-0.5">
                  <Text size="small" weight="plus">
                    {child.title}
                  </Text>
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {child.help}
                  </Text>
                </div>
                <SectionInput
                  field={child}
                  at={`${at}.${child.key}`}
                  value={v[child.key]}
                  onChange={(nv) => set(child.key, nv)}
                  errors={errors}
                  flat
                />
              </div>
            ) : (
              <FieldView
                field={child}
                at={`${at}.${child.key}`}
                value={v[child.key]}
                onChange={(nv) => set(child.key, nv)}
                errors={errors}
              />
            )}
          </div>
        ))}
      </div>
    )
  }
  return (
    <div
      className={clx(
        // a section of plain numbers (waits per status) reads as a grid
        field.fields.every((f) => f.control === "number")
          ? "grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3"
          : "flex flex-col gap-y-4",
        !flat && "border-ui-border-base border-l-2 pl-4"
      )}
    >
      {field.fields.map((child) => (
        <FieldView
          key={child.key}
          field={child}
          at={`${at}.${child.key}`}
          value={v[child.key]}
          onChange={(nv) => set(child.key, nv)}
          errors={errors}
        />
      ))}
    </div>
  )
}

const ChoiceInput = ({
  field,
  at,
  value,
  onChange,
  errors,
}: {
  field: FormChoiceField
  at: string
  value: unknown
  onChange: Change
  errors: FieldErrors
}) => {
  const v = isObject(value) ? value : {}
  const current = String(v[field.discriminator] ?? field.choices[0]?.value)
  const choice = field.choices.find((c) => c.value === current)
  return (
    <div className="flex flex-col gap-y-3">
      <Select
        value={current}
        size="small"
        onValueChange={(next) => onChange({ [field.discriminator]: next })}
      >
        <Select.Trigger id={inputId(at)} className="w-72">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          {field.choices.map((c) => (
            <Select.Item key={c.value} value={c.value}>
              {c.label}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
      {choice && choice.fields.length > 0 && (
        <SectionInput
          field={{
            ...field,
            control: "section",
            layout: "stack",
            fields: choice.fields,
          }}
          at={at}
          value={v}
          onChange={onChange}
          errors={errors}
        />
      )}
    </div>
  )
}

const RowsInput = ({
  field,
  at,
  value,
  onChange,
  errors,
}: {
  field: FormRowsField
  at: string
  value: unknown
  onChange: Change
  errors: FieldErrors
}) => {
  const rows = Array.isArray(value) ? value : []
  return (
    <div className="flex flex-col gap-y-3">
      {rows.map((row, i) => (
        <div
          key={i}
          className="shadow-elevation-card-rest bg-ui-bg-component flex flex-col gap-y-3 rounded-lg p-4"
        >
          <div className="flex items-center justify-between">
            <Text size="small" weight="plus">
              {field.item_title} {i + 1}
            </Text>
            <RemoveButton
              label={`Remove ${field.item_title.toLowerCase()} ${i + 1}`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            />
          </div>
          <SectionInput
            field={{
              ...field,
              control: "section",
              layout: "stack",
              fields: field.fields,
            }}
            at={`${at}.${i}`}
            value={row}
            onChange={(nv) => onChange(rows.map((r, j) => (j === i ? nv : r)))}
            errors={errors}
            flat
          />
        </div>
      ))}
      <AddButton onClick={() => onChange([...rows, newRow(field.fields)])}>
        Add {lowerFirst(field.item_title)}
      </AddButton>
    </div>
  )
}

/** The bare control of a field (no label). */
const Control = ({
  field,
  at,
  value,
  onChange,
  errors,
}: {
  field: FormField
  at: string
  value: unknown
  onChange: Change
  errors: FieldErrors
}) => {
  const invalid = !!errors[at]
  switch (field.control) {
    case "number":
      return (
        <NumberInput
          field={field}
          at={at}
          value={value}
          onChange={onChange}
          invalid={invalid}
          label={field.title}
        />
      )
    case "toggle":
      return (
        <Switch
          id={inputId(at)}
          checked={value === true}
          onCheckedChange={onChange}
        />
      )
    case "select":
      return (
        <SelectInput
          field={field}
          at={at}
          value={value}
          onChange={onChange}
          invalid={invalid}
        />
      )
    case "text":
      return (
        <TextInput
          field={field}
          at={at}
          value={value}
          onChange={onChange}
          invalid={invalid}
          label={field.title}
        />
      )
    case "list":
      return (
        <ListInput
          field={field}
          at={at}
          value={value}
          onChange={onChange}
          errors={errors}
        />
      )
    case "map":
      return (
        <MapInput
          field={field}
          at={at}
          value={value}
          onChange={onChange}
          errors={errors}
        />
      )
    case "section":
      return (
        <SectionInput
          field={field}
          at={at}
          value={value}
          onChange={onChange}
          errors={errors}
        />
      )
    case "choice":
      return (
        <ChoiceInput
          field={field}
          at={at}
          value={value}
          onChange={onChange}
          errors={errors}
        />
      )
    case "rows":
      return (
        <RowsInput
          field={field}
          at={at}
          value={value}
          onChange={onChange}
          errors={errors}
        />
      )
  }
}

/** One option with its label, help line, control and error. */
export const FieldView = ({
  field,
  at,
  value,
  onChange,
  errors,
}: {
  field: FormField
  at: string
  value: unknown
  onChange: Change
  errors: FieldErrors
}) => {
  if (field.control === "section") {
    return (
      <div className="flex flex-col gap-y-2" data-field-path={at}>
        <div className="flex flex-col gap-y-0.5">
          <Text size="small" weight="plus">
            {field.title}
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {field.help}
          </Text>
        </div>
        <FieldError at={at} errors={errors} />
        <Control
          field={field}
          at={at}
          value={value}
          onChange={onChange}
          errors={errors}
        />
      </div>
    )
  }
  return (
    <Labelled
      field={field}
      at={at}
      errors={errors}
      inline={field.control === "toggle"}
    >
      <Control
        field={field}
        at={at}
        value={value}
        onChange={onChange}
        errors={errors}
      />
    </Labelled>
  )
}
