import { Select, Switch, Text, clx } from "@medusajs/ui"
import type {
  FormChoiceField,
  FormField,
  FormRowsField,
  FormSectionField,
} from "../../../types"
import { type FieldErrors, newRow } from "./values"

import { ListInput, NumberInput, SelectInput, TextInput } from "./inputs"
import { MapInput } from "./map-input"
import {
  AddButton,
  type Change,
  FieldError,
  inputId,
  isObject,
  Labelled,
  lowerFirst,
  RemoveButton,
} from "./parts"

export { inputId } from "./parts"
export { NumberInput } from "./inputs"

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
          renderValue={(props) => <Control {...props} />}
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
