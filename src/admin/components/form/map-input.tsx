import { Input, Text } from "@medusajs/ui"
import { useState, type ReactNode } from "react"
import type { FormField, FormMapField } from "../../../types"
import { type FieldErrors } from "./values"

import {
  AddButton,
  type Change,
  FieldError,
  isObject,
  lowerFirst,
  RemoveButton,
} from "./parts"

/** Renders a map row's value with the form's own control (passed in, so this file needs no import of it). */
export type RenderValue = (props: {
  field: FormField
  at: string
  value: unknown
  onChange: Change
  errors: FieldErrors
}) => ReactNode

export const MapInput = ({
  field,
  at,
  value,
  onChange,
  errors,
  renderValue,
}: {
  field: FormMapField
  at: string
  value: unknown
  onChange: Change
  errors: FieldErrors
  renderValue: RenderValue
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
                renderValue={renderValue}
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
  renderValue,
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
  renderValue: RenderValue
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
      {renderValue({
        field: valueField,
        at,
        value,
        onChange: onValue,
        errors,
      })}
      <FieldError at={at} errors={errors} />
    </div>
    <RemoveButton label={`Remove ${rowKey || "row"}`} onClick={onRemove} />
  </>
)
