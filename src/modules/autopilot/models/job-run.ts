import { model } from "@medusajs/framework/utils"
import { RUN_STATUSES, RUN_TRIGGERS } from "../../../types"

/**
 * One run of a job, however it was started. The ledger behind the admin's
 * history, the single-flight check of "run now" and the queue a worker takes
 * runs requested on a server instance from.
 */
export const JobRun = model
  .define("autopilot_job_run", {
    id: model.id({ prefix: "aprun" }).primaryKey(),
    job_name: model.text(),
    trigger: model.enum([...RUN_TRIGGERS]),
    /** Admin user id or API key id that asked for the run; null for the schedule. */
    actor: model.text().nullable(),
    dry_run: model.boolean().default(false),
    status: model.enum([...RUN_STATUSES]).default("queued"),
    /** The schedule slot a scheduled run belongs to. */
    scheduled_for: model.dateTime().nullable(),
    started_at: model.dateTime().nullable(),
    finished_at: model.dateTime().nullable(),
    /** Last sign of life of a running run; a stale one is taken over. */
    heartbeat_at: model.dateTime().nullable(),
    /** Which process ran it (host:pid), to tell instances apart in the admin. */
    instance: model.text().nullable(),
    progress_done: model.number().default(0),
    progress_total: model.number().nullable(),
    /** `{ scanned, changed, skipped, failed }`. */
    counters: model.json().nullable(),
    error: model.text().nullable(),
    /** `{ items: [{ item_id, reason }], omitted }`: up to 50 failed items, and how many more failed. */
    failures: model.json().nullable(),
    /** What the run did or, on a dry run, would have done: counts and sample ids. */
    summary: model.json().nullable(),
    /**
     * When someone asked this run to stop: a queued run is canceled at once,
     * a running one stops at its next batch and ends `canceled`.
     */
    cancel_requested_at: model.dateTime().nullable(),
    /** Admin user id or API key id that asked it to stop. */
    canceled_by: model.text().nullable(),
    /**
     * What a one-off run is about, for jobs that take it (cart reminders:
     * `{ cart_id }` sends that cart's next reminder now); null for a full run.
     */
    params: model.json().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_job_run_job_created",
      on: ["job_name", "created_at"],
    },
    { name: "IDX_autopilot_job_run_status", on: ["status", "job_name"] },
    // One run per schedule slot: several instances ticking at once cannot
    // start the same slot twice, whatever locking provider the shop has.
    {
      name: "IDX_autopilot_job_run_slot_unique",
      on: ["job_name", "scheduled_for"],
      unique: true,
      where: "scheduled_for IS NOT NULL AND deleted_at IS NULL",
    },
  ])
