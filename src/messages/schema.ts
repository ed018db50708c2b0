import { z } from "@medusajs/framework/zod"
import { MESSAGE_LOCALES } from "../types/messages"
import { unknownOverrideKeys } from "./locales"

/** One branding field each, shared by the plugin option and the admin's form. */
export const brandingFieldSchemas = {
  shop_name: z.string().trim().min(1, "expected the shop's name").max(100),
  logo_url: z.url({
    protocol: /^https?$/,
    message: "expected an http(s) URL of an image",
  }),
  accent_color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "expected a colour as #rrggbb"),
  support_email: z.email({ message: "expected an email address" }),
  footer_address: z.string().trim().min(1, "expected an address").max(300),
}

/** The colour of buttons when the shop sets none. */
export const DEFAULT_ACCENT_COLOR = "#18181b"

/** The `branding` plugin option. */
export const brandingOptionSchema = z.strictObject({
  shop_name: brandingFieldSchemas.shop_name.optional(),
  logo_url: brandingFieldSchemas.logo_url.optional(),
  accent_color: brandingFieldSchemas.accent_color.optional(),
  support_email: brandingFieldSchemas.support_email.optional(),
  footer_address: brandingFieldSchemas.footer_address.optional(),
})

/** `POST /admin/autopilot/branding`: a field set to null follows the plugin option again. */
export const brandingUpdateSchema = z.strictObject({
  shop_name: brandingFieldSchemas.shop_name.nullable().optional(),
  logo_url: brandingFieldSchemas.logo_url.nullable().optional(),
  accent_color: brandingFieldSchemas.accent_color.nullable().optional(),
  support_email: brandingFieldSchemas.support_email.nullable().optional(),
  footer_address: brandingFieldSchemas.footer_address.nullable().optional(),
})

/** The `defaultLocale` plugin option. */
export const messageLocaleSchema = z.enum(MESSAGE_LOCALES, {
  message: `expected one of ${MESSAGE_LOCALES.join(", ")}`,
})

/**
 * The `messages` plugin option: locale → message (or `common`) → string
 * key → text, every key checked against the English catalog.
 */
export const messageOverridesSchema = z
  .record(
    z.string(),
    z.record(z.string(), z.record(z.string(), z.string().min(1)))
  )
  .superRefine((value, ctx) => {
    for (const problem of unknownOverrideKeys(value)) {
      ctx.addIssue({ code: "custom", message: problem })
    }
  })
