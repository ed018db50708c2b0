import {
  Button,
  Heading,
  Hint,
  Input,
  Label,
  Text,
  Textarea,
  toast,
} from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useBranding, useUpdateBranding } from "../../hooks/api/messages"
import type { BrandingField, BrandingUpdate } from "../../../types"

type Field = BrandingField

const FIELDS: {
  key: Field
  label: string
  hint: string
  placeholder: string
  multiline?: boolean
}[] = [
  {
    key: "shop_name",
    label: "Shop name",
    hint: "Shown in the header when there is no logo, and in subjects.",
    placeholder: "Acme Outdoor",
  },
  {
    key: "logo_url",
    label: "Logo URL",
    hint: "An https address of a PNG or JPEG; shown at the top of each email.",
    placeholder: "https://cdn.example.com/logo.png",
  },
  {
    key: "accent_color",
    label: "Accent color",
    hint: "Buttons and links, as # and six hex digits.",
    placeholder: "#1f6feb",
  },
  {
    key: "support_email",
    label: "Support email",
    hint: "Where customers can write with questions.",
    placeholder: "help@example.com",
  },
  {
    key: "footer_address",
    label: "Footer address",
    hint: "Your business address, shown at the bottom of every email.",
    placeholder: "Acme Outdoor GmbH, Hauptstraße 1, 10115 Berlin",
    multiline: true,
  },
]

const EMPTY: Record<Field, string> = {
  shop_name: "",
  logo_url: "",
  accent_color: "",
  support_email: "",
  footer_address: "",
}

/** The same checks the server makes, so most mistakes show before Save. */
function checkLocally(values: Record<Field, string>) {
  const errors: Partial<Record<Field, string>> = {}
  const logo = values.logo_url.trim()
  if (logo && !/^https?:\/\/\S+$/i.test(logo)) {
    errors.logo_url = "Enter a full address starting with https://"
  }
  const color = values.accent_color.trim()
  if (color && !/^#[0-9a-f]{6}$/i.test(color)) {
    errors.accent_color = "Enter a color as # and six hex digits, like #1f6feb"
  }
  const email = values.support_email.trim()
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    errors.support_email = "Enter an email address like help@example.com"
  }
  return errors
}

/**
 * The server's 400 names the field it refused ("Invalid branding:
 * accent_color: expected …"); the reason is shown at that field, else the
 * whole message in a toast.
 */
function serverErrors(message: string): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {}
  for (const { key } of FIELDS) {
    const at = message.indexOf(`${key}:`)
    if (at < 0) continue
    const reason = message.slice(at + key.length + 1).trim()
    errors[key] = reason.charAt(0).toUpperCase() + reason.slice(1)
  }
  return errors
}

/**
 * The shop's look in every message: name, logo, accent color, support email
 * and footer address. Saving renders the preview again.
 */
export const BrandingForm = () => {
  const { data, isLoading } = useBranding()
  const [values, setValues] = useState<Record<Field, string>>(EMPTY)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  useEffect(() => {
    if (!data) return
    const b = data.branding
    setValues({
      shop_name: b.shop_name ?? "",
      logo_url: b.logo_url ?? "",
      accent_color: b.accent_color ?? "",
      support_email: b.support_email ?? "",
      footer_address: b.footer_address ?? "",
    })
  }, [data])
  const save = useUpdateBranding({
    onSuccess: () => {
      setErrors({})
      toast.success("Branding saved", {
        description: "The preview now shows it.",
      })
    },
    onError: (e) => {
      const found = serverErrors(e.message)
      setErrors(found)
      if (!Object.keys(found).length) {
        toast.error("Branding was not saved", { description: e.message })
      }
    },
  })
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const local = checkLocally(values)
    setErrors(local)
    if (Object.keys(local).length) return
    // Only what the merchant changed; a cleared field follows the plugin
    // option again.
    const current = data?.branding
    const body: BrandingUpdate = {}
    for (const { key } of FIELDS) {
      const value = values[key].trim()
      if (value !== (current?.[key] ?? "")) body[key] = value || null
    }
    save.mutate(body)
  }
  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-y-4 px-6 py-4"
      data-testid="branding-form"
      noValidate
    >
      <div className="flex flex-col gap-y-1">
        <Heading level="h2">Branding</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          How your messages look. A field you empty goes back to the value in
          your plugin options.
        </Text>
      </div>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {FIELDS.map((f) => {
          const id = `branding-${f.key}`
          const error = errors[f.key]
          const common = {
            id,
            name: f.key,
            value: values[f.key],
            placeholder: f.placeholder,
            disabled: isLoading,
            "aria-invalid": !!error,
            onChange: (
              e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>
            ) => setValues((v) => ({ ...v, [f.key]: e.target.value })),
          }
          return (
            <div
              key={f.key}
              className={`flex flex-col gap-y-1 ${f.multiline ? "md:col-span-2" : ""}`}
            >
              <Label htmlFor={id} size="small" weight="plus">
                {f.label}
              </Label>
              {f.multiline ? (
                <Textarea rows={2} {...common} />
              ) : (
                <Input {...common} />
              )}
              {error ? (
                <Hint variant="error" data-testid={`${id}-error`}>
                  {error}
                </Hint>
              ) : (
                <Hint>{f.hint}</Hint>
              )}
            </div>
          )
        })}
      </div>
      <div className="flex justify-end">
        <Button type="submit" size="small" isLoading={save.isPending}>
          Save branding
        </Button>
      </div>
    </form>
  )
}
