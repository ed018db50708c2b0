import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  JOB_CATALOG,
  isJobName,
  jobReadiness,
  type JobName,
} from "../../../catalog/jobs"
import { type JobSchedule, scheduleSchema } from "../../../catalog/schedule"
import {
  refuseMaskedSecretsAtNewAddress,
  restoreMaskedSecrets,
} from "../../../runtime/secrets"
import { loadEffectiveSetting } from "../../../runtime/settings"
import type { FieldError } from "../../../types"

export type ValidateJobSettingUpdateStepInput = {
  job_name: string
  enabled?: boolean
  paused_until?: Date | null
  schedule?: unknown
  options?: Record<string, unknown>
}

export type ValidatedJobSettingUpdate = {
  job_name: JobName
  enabled?: boolean
  paused_until?: Date | null
  schedule?: JobSchedule | null
  options?: Record<string, unknown>
}

export const validateJobSettingUpdateStepId = "validate-job-setting-update"

/**
 * A 400 naming each refused field: the message lists `path: reason` pairs
 * (as it always has) and `fields` carries them for the admin, which shows
 * each at its field. `fields` is an own property, so it survives the
 * workflow engine's error serialisation.
 */
export function fieldsError(
  fields: FieldError[],
  message = fields.map((f) => `${f.path}: ${f.message}`).join("; ")
): MedusaError & { fields: FieldError[] } {
  const error = new MedusaError(MedusaError.Types.INVALID_DATA, message)
  return Object.assign(error, { fields })
}

/** The `path: reason` pairs of a message built like {@link fieldsError}'s. */
export function fieldsFromMessage(message: string): FieldError[] {
  return message.split(/; (?=(?:options|schedule)[.[:])/).flatMap((part) => {
    const match = /^((?:options|schedule)(?:[.[][^\s:]*)?): (.+)$/s.exec(part)
    return match ? [{ path: match[1], message: match[2] }] : []
  })
}

/** Re-throws a message-only INVALID_DATA as a {@link fieldsError}. */
function withFields<T>(fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (
      e instanceof MedusaError &&
      e.type === MedusaError.Types.INVALID_DATA &&
      fieldsFromMessage(e.message).length
    ) {
      throw fieldsError(fieldsFromMessage(e.message), e.message)
    }
    throw e
  }
}

/**
 * The stored override after a change: each posted top-level option replaces
 * the stored one, and `null` removes it, so it follows the plugin options
 * (or the schema default) again. A `null` for an option the job does not
 * have is refused like any unknown option.
 */
export function mergeOverride(
  stored: Record<string, unknown>,
  posted: Record<string, unknown>,
  known: string[]
): Record<string, unknown> {
  const override = { ...stored }
  const unknown: string[] = []
  for (const [key, value] of Object.entries(posted)) {
    if (value !== null) {
      override[key] = value
    } else if (known.includes(key)) {
      delete override[key]
    } else {
      unknown.push(key)
    }
  }
  if (unknown.length) {
    throw fieldsError(
      unknown.map((k) => ({ path: `options.${k}`, message: "unknown option" })),
      `options: unknown option ${unknown.map((k) => `"${k}"`).join(", ")}`
    )
  }
  return override
}

/**
 * Checks a setting change against the job's own rules: the job exists, the
 * schedule is a valid cron or interval, and the options pass the job's
 * schema (unknown keys included). Options override the plugin options one
 * top-level option at a time; `null` returns one to the plugin options. A secret posted back in the masked form
 * the admin shows keeps the current value — unless the same change moves
 * its object to another address (a carrier's `base_url`, the feed's `url`),
 * which needs the secret entered again. Switching a job on is refused
 * while its required settings are missing (the catalog's `readiness`).
 * Throws NOT_FOUND for an unknown job and INVALID_DATA naming the fields
 * otherwise (see {@link fieldsError}). Writes nothing.
 *
 * @example
 * const update = validateJobSettingUpdateStep({ job_name: "cart-pruning", enabled: false })
 */
export const validateJobSettingUpdateStep = createStep(
  validateJobSettingUpdateStepId,
  async (input: ValidateJobSettingUpdateStepInput, { container }) => {
    if (!isJobName(input.job_name)) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Autopilot job "${input.job_name}" does not exist`
      )
    }
    const update: ValidatedJobSettingUpdate = { job_name: input.job_name }
    if (input.enabled !== undefined) update.enabled = input.enabled
    if (input.paused_until !== undefined)
      update.paused_until = input.paused_until
    if (input.schedule !== undefined) {
      if (input.schedule === null) {
        update.schedule = null
      } else {
        const parsed = scheduleSchema.safeParse(input.schedule)
        if (!parsed.success) {
          const reason = parsed.error.issues.map((i) => i.message).join("; ")
          throw fieldsError(
            [{ path: "schedule", message: reason }],
            `schedule: ${reason}`
          )
        }
        update.schedule = parsed.data
      }
    }
    const current = await loadEffectiveSetting(container, input.job_name)
    let options = current.options
    if (input.options !== undefined) {
      const posted = input.options
      const schema = JOB_CATALOG[input.job_name].optionsSchema
      const override = mergeOverride(
        (current.row.options ?? {}) as Record<string, unknown>,
        withFields(() => restoreMaskedSecrets(posted, current.options)),
        Object.keys(schema.shape)
      )
      const parsed = schema.safeParse({
        ...current.config.options,
        ...override,
      })
      if (!parsed.success) {
        const path = (i: { path: PropertyKey[] }) =>
          ["options", ...i.path.map(String)].join(".")
        // An unknown key is named at its own path; the message keeps
        // listing them under their object, as it always has.
        throw fieldsError(
          parsed.error.issues.flatMap((i) =>
            i.code === "unrecognized_keys"
              ? i.keys.map((k) => ({
                  path: `${path(i)}.${k}`,
                  message: "unknown option",
                }))
              : [{ path: path(i), message: i.message }]
          ),
          parsed.error.issues
            .map((i) =>
              i.code === "unrecognized_keys"
                ? `${path(i)}: unknown option ${i.keys.map((k) => `"${k}"`).join(", ")}`
                : `${path(i)}: ${i.message}`
            )
            .join("; ")
        )
      }
      // A mask keeps the stored secret only where it is sent today: with a
      // new base_url or feed url the admin enters the secret again.
      withFields(() =>
        refuseMaskedSecretsAtNewAddress(
          posted,
          current.options,
          parsed.data as Record<string, unknown>
        )
      )
      // Store only the options the admin overrides; the rest keep
      // following the plugin options.
      const data = parsed.data as Record<string, unknown>
      update.options = Object.fromEntries(
        Object.keys(override).map((key) => [key, data[key]])
      )
      options = data
    }
    // Switching a job on needs its required settings (with this change's
    // options); a job enabled in plugin options is left to start-up.
    if (input.enabled === true && !current.enabled) {
      const { missing } = jobReadiness(input.job_name, options)
      if (missing.length) {
        throw fieldsError(
          missing,
          `${JOB_CATALOG[input.job_name].title} needs setup before it can be switched on: ${missing
            .map((m) => m.message)
            .join("; ")}`
        )
      }
    }
    return new StepResponse(update)
  }
)
