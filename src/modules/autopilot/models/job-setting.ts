import { model } from "@medusajs/framework/utils"
import { JOB_SETTING_SOURCES } from "../../../types"

/**
 * The stored switch and overrides of one job. One row per job name, created
 * from plugin options on first boot; from the first admin change on
 * (`source = "admin"`), the row wins over plugin options.
 */
export const JobSetting = model
  .define("autopilot_job_setting", {
    id: model.id({ prefix: "apjset" }).primaryKey(),
    job_name: model.text(),
    enabled: model.boolean().default(true),
    /** Runs are skipped until this time (auto-pause or a merchant's pause). */
    paused_until: model.dateTime().nullable(),
    /** Why the job is paused, shown in the admin. */
    paused_reason: model.text().nullable(),
    /** Schedule override (cron string or `{ interval }`); null = plugin options / default. */
    schedule: model.json().nullable(),
    /** Job options override, validated by the job's schema before it is stored. */
    options: model.json().nullable(),
    /** `options` while the row only mirrors plugin options; `admin` once changed in the admin. */
    source: model.enum([...JOB_SETTING_SOURCES]).default("options"),
    updated_by: model.text().nullable(),
    /** Runs that failed in a row; reset by a success or by switching the job on. */
    consecutive_failures: model.number().default(0),
    last_success_at: model.dateTime().nullable(),
    last_success_run_id: model.text().nullable(),
    last_failure_at: model.dateTime().nullable(),
    last_failure_run_id: model.text().nullable(),
    /** Set when the job switched itself off after failing runs in a row. */
    auto_paused_at: model.dateTime().nullable(),
    /** The merchant was told the job went stale; cleared by the next success. */
    stale_notified_at: model.dateTime().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_job_setting_job_name_unique",
      on: ["job_name"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])
