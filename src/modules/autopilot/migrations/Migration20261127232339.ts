import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127232339 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "autopilot_privacy_audit" ("id" text not null, "action" text check ("action" in ('export', 'erase')) not null, "actor" text null, "subject_hash" text not null, "counts" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_privacy_audit_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_privacy_audit_deleted_at" ON "autopilot_privacy_audit" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_privacy_audit_subject" ON "autopilot_privacy_audit" ("subject_hash", "created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "autopilot_privacy_audit" cascade;`);
  }

}
