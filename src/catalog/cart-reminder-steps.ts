import { z } from "@medusajs/framework/zod"

/**
 * The `steps` option of `cart-reminders`: when each reminder goes out and,
 * optionally, the discount code it carries.
 *
 * A step is a number of minutes (the form every shop has used so far:
 * `[60, 1440, 4320]`) or `{ after_minutes, discount }`. Both are accepted
 * everywhere; the parsed options always hold objects.
 *
 * `discount.type` is `none` (no code), `percentage` (`value` in %, more
 * than 0 and at most 100) or `fixed` (`value` in the main unit of
 * `currency_code`). A fixed discount without `currency_code` is in the
 * currency of each cart (10 means 10 EUR to a euro cart, 10 USD to a
 * dollar cart); with one, only carts in that currency get the code and
 * others get the reminder without it. `min_subtotal` is in the cart's
 * currency, items before discounts, excluding shipping.
 */

const discountBase = {
  /** Minimum item subtotal of the cart for the code to apply. */
  min_subtotal: z.number().positive().optional().meta({
    title: "Only for carts of at least",
    description:
      "Items in the cart's currency before discounts; leave empty for any cart.",
  }),
  /** Hours the code works after the reminder went out. */
  valid_hours: z
    .number()
    .positive()
    .max(24 * 90)
    .default(48)
    .meta({
      title: "Code works for",
      description:
        "After that the code expires and is deleted by cart pruning.",
      unit: "hours",
    }),
}

export const cartDiscountSchema = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("none") }),
    z.strictObject({
      type: z.literal("percentage"),
      /** Percent off the cart (items), more than 0 and at most 100. */
      value: z.number().gt(0).max(100).meta({
        title: "Percent off",
        description: "Taken off the items of the cart.",
        unit: "%",
      }),
      ...discountBase,
    }),
    z.strictObject({
      type: z.literal("fixed"),
      /** Amount off in the currency's main unit (10 = 10.00). */
      value: z.number().positive().meta({
        title: "Amount off",
        description: "In the currency's main unit (10 means 10.00).",
      }),
      /** ISO 4217; empty: the cart's own currency. */
      currency_code: z.string().length(3).toLowerCase().optional().meta({
        title: "Currency",
        description:
          "Only carts in this currency get the code; leave empty for every cart, in its own currency.",
        placeholder: "eur",
      }),
      ...discountBase,
    }),
  ])
  .meta({
    title: "Discount code",
    description:
      "A single-use code in this reminder, made for the cart and applied by its link.",
    labels: {
      none: "No discount",
      percentage: "Percent off",
      fixed: "Amount off",
    },
  })

export type CartDiscountOption = z.output<typeof cartDiscountSchema>

const stepObject = z.strictObject({
  /** Minutes without activity before this reminder. */
  after_minutes: z.number().positive().meta({
    title: "Send after",
    description: "Minutes without activity in the cart.",
    unit: "minutes",
  }),
  discount: cartDiscountSchema.optional(),
})

export type CartReminderStep = {
  after_minutes: number
  discount?: CartDiscountOption
}

/** One step: minutes (shorthand) or `{ after_minutes, discount }`. */
const stepSchema = z
  .union([z.number().positive(), stepObject])
  .transform((step): CartReminderStep =>
    typeof step === "number" ? { after_minutes: step } : step
  )

export const cartReminderStepsSchema = z
  .array(stepSchema)
  .min(1)
  .max(5)
  .refine(
    (s) =>
      s.every((m, i) => i === 0 || m.after_minutes > s[i - 1].after_minutes),
    { message: "steps must be in ascending order" }
  )
  .prefault([60, 1440, 4320])
  .meta({
    title: "Reminders",
    description:
      "1 to 5 reminders, each later than the one before; any of them can carry a discount code.",
    item_title: "Reminder",
    ascending: true,
  })

/** The step's discount, or null when it has none. */
export function discountOf(
  step: CartReminderStep
): Exclude<CartDiscountOption, { type: "none" }> | null {
  const d = step.discount
  return d && d.type !== "none" ? d : null
}
