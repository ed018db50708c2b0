import { Badge, Button, Input, Select, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { sdk } from "../../lib/sdk"
import type {
  FormListField,
  FormNumberField,
  FormSelectField,
  FormTextField,
} from "../../../types"
import { type FieldErrors, fromShown, isMaskedSecret, toShown } from "./values"

import {
  AddButton,
  type Change,
  FieldError,
  RemoveButton,
  unitText,
  inputId,
} from "./parts"

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

export const SelectInput = ({
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
export const SecretInput = ({
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
export const StockLocationInput = ({
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

export const TextInput = ({
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

export const ListInput = ({
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
