import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** A one-off run's subject, e.g. the cart of "Send next reminder now". */
export class Migration20261206054500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "autopilot_job_run" add column if not exists "params" jsonb null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "autopilot_job_run" drop column if exists "params";`
    )
  }
}
