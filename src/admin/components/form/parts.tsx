import { PlusMini, Trash } from "@medusajs/icons"
import { Button, IconButton, Label, Text } from "@medusajs/ui"
import { type ReactNode } from "react"
import type { FormField, FormNumberField } from "../../../types"
import { type FieldErrors } from "./values"

export type Change = (value: unknown) => void

/** "Provider ID" → "provider ID" for "Add provider ID". */
export const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

/** A field's input id from its concrete path. */
export const inputId = (at: string) =>
  `autopilot-field-${at.replace(/[^A-Za-z0-9_-]/g, "-")}`

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v)

/** The error under a field, if any. */
export const FieldError = ({
  at,
  errors,
}: {
  at: string
  errors: FieldErrors
}) =>
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
export const Labelled = ({
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

export const unitText = (field: FormNumberField) => field.unit

/** A number input in the merchant's unit, kept as text while typed. */

export const AddButton = ({
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

export const RemoveButton = ({
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
