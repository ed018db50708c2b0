import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** A run can be asked to stop: when, and by whom (POST /admin/autopilot/runs/:id/cancel). */
export class Migration20261206053000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "autopilot_job_run" add column if not exists "cancel_requested_at" timestamptz null, add column if not exists "canceled_by" text null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "autopilot_job_run" drop column if exists "cancel_requested_at", drop column if exists "canceled_by";`
    )
  }
}
