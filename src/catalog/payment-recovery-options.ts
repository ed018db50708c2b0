import { z } from "@medusajs/framework/zod"

/** The options of `payment-recovery` (see `jobs.ts`): their zod schema, with the admin form's `.meta()`. */
export function paymentRecoveryOptions() {
  return z.strictObject({
    /**
     * Provider ids (glob patterns) whose authorization step is a pure status
     * read; checked at discovery, at every re-check and before completion.
     * `*` means every provider except `pp_system_default`, which authorizes
     * anything and is never touched; naming it is refused.
     */
    providers: z
      .array(z.string().min(1))
      .refine((patterns) => !patterns.includes("pp_system_default"), {
        message:
          "pp_system_default authorizes every session without asking anyone; it is never recovered",
      })
      .default(["pp_stripe*"])
      .meta({
        title: "Payment providers",
        description:
          "Provider IDs to recover payments for; * matches any text (pp_stripe* is every Stripe method).",
        placeholder: "pp_stripe*",
      }),
    /** Leave sessions younger than this to the customer and the webhook. */
    min_age_minutes: z.number().min(0).default(10).meta({
      title: "Wait before the first check",
      description:
        "Leaves younger payments to the customer and the provider's webhook.",
      unit: "minutes",
    }),
    /** Give up on sessions older than this. */
    max_age_hours: z.number().positive().default(48).meta({
      title: "Give up after",
      description: "Payments older than this are no longer checked.",
      unit: "hours",
    }),
    /** Minutes between checks; the last step repeats. */
    cadence_minutes: z
      .array(z.number().positive())
      .min(1)
      .default([3, 15, 60, 360])
      .meta({
        title: "Time between checks",
        description:
          "Minutes between one check and the next; the last one repeats.",
        unit: "minutes",
      }),
    /** Per provider (glob pattern → minutes); wins over `cadence_presets`. */
    provider_cadence_minutes: z
      .record(
        z.string(),
        z.array(z.number().positive()).min(1).meta({
          title: "Minutes between checks",
          description: "The last one repeats.",
          unit: "minutes",
        })
      )
      .default({})
      .meta({
        title: "Time between checks per provider",
        description:
          "Overrides the times above and the presets for the providers named here.",
        key_title: "Provider ID",
      }),
    /**
     * Provider id (glob pattern) → cadence preset name (`ideal`, `card`,
     * `default` or one of `cadence_preset_definitions`); first match wins,
     * then the built-in `pp_stripe-ideal_*` → `ideal` (see
     * docs/payment-recovery.md).
     */
    cadence_presets: z
      .record(
        z.string().min(1),
        z.string().min(1).meta({
          title: "Preset",
          description: "ideal, card, default or a preset defined below.",
        })
      )
      .default({})
      .meta({
        title: "Check plan per provider",
        description:
          "Which preset of checks a provider follows; the first matching provider wins.",
        key_title: "Provider ID",
      }),
    /** Presets by name: new ones, or fields replacing a built-in's. */
    cadence_preset_definitions: z
      .record(
        z.string().min(1),
        z
          .strictObject({
            /** First check this many minutes after the session started. */
            first_minutes: z.number().min(0).optional().meta({
              title: "First check after",
              description: "Minutes after the payment started.",
              unit: "minutes",
            }),
            /** A check at the end of the expiration period (minutes after the start). */
            expiry_minutes: z.number().positive().optional().meta({
              title: "Check at expiry",
              description:
                "A check when the payment method's time runs out (minutes after the start).",
              unit: "minutes",
            }),
            /** Minutes between the later checks; the last step repeats. */
            backoff_minutes: z
              .array(z.number().positive())
              .min(1)
              .optional()
              .meta({
                title: "Later checks every",
                description:
                  "Minutes between the later checks; the last repeats.",
                unit: "minutes",
              }),
            /** The last check, then give up (hours after the start); else `max_age_hours`. */
            last_check_hours: z.number().positive().optional().meta({
              title: "Last check after",
              description:
                "Then give up (hours after the start); empty uses Give up after.",
              unit: "hours",
            }),
          })
          .meta({
            title: "Preset",
            description: "Leave a field empty to keep the built-in value.",
          })
      )
      .default({})
      .meta({
        title: "Check plans",
        description: "New presets by name, or changes to a built-in one.",
        key_title: "Preset name",
      }),
    /** iDEAL's expiration period: the `ideal` preset checks at its end. */
    ideal_expiry_minutes: z.number().positive().default(30).meta({
      title: "iDEAL expiry",
      description: "How long an iDEAL payment stays open; checked at its end.",
      unit: "minutes",
    }),
    /** Provider errors in a row before a session needs attention. */
    max_errors: z.number().int().min(1).default(5).meta({
      title: "Errors before attention",
      description:
        "Provider errors in a row before a payment is listed as needing attention.",
    }),
    /** Warn about authorized, uncaptured payments older than this. */
    authorization_warning_days: z.number().positive().default(6).meta({
      title: "Warn about uncaptured payments after",
      description:
        "Authorized payments not captured this long are listed before they lapse.",
      unit: "days",
    }),
    /** How far back beyond that the watchdog looks (card authorizations have long lapsed by then). */
    authorization_lookback_days: z.number().positive().default(30).meta({
      title: "Look back for uncaptured payments",
      description: "Older authorizations have long lapsed and are not listed.",
      unit: "days",
    }),
    /** Sessions read per batch. */
    batch_size: z.number().int().min(1).max(1000).default(100).meta({
      title: "Batch size",
      description: "Payment sessions handled per batch.",
    }),
  })
}
