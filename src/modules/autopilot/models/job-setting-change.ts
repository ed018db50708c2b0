import { model } from "@medusajs/framework/utils"

/** Who changed which job setting, from what to what, and when. */
export const JobSettingChange = model
  .define("autopilot_job_setting_change", {
    id: model.id({ prefix: "apjchg" }).primaryKey(),
    job_name: model.text(),
    /** Admin user id or API key id; null for changes made by the plugin itself. */
    actor: model.text().nullable(),
    /** `{ field: { from, to } }` for every field that changed. */
    changes: model.json(),
  })
  .indexes([
    {
      name: "IDX_autopilot_job_setting_change_job_created",
      on: ["job_name", "created_at"],
    },
  ])
