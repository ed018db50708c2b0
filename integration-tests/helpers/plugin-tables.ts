import * as models from "../../src/modules/autopilot/models"

/**
 * The tables the module's models define (DML names them after the model:
 * `AutopilotJobRun` → `autopilot_job_run`), sorted: what migrations must
 * have created.
 */
export const PLUGIN_TABLES = Object.values(models)
  .map((m) =>
    (m as { name: string }).name
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .toLowerCase()
  )
  .sort()

type Raw = { raw(sql: string): Promise<{ rows: Record<string, unknown>[] }> }

/**
 * Rows per table in the plugin's tables and Medusa's `notification` table
 * (what a request could write on the plugin's behalf), for before/after
 * comparisons. Tables are read from the database, so ones added later are
 * counted too.
 */
export async function rowCounts(db: Raw): Promise<Record<string, number>> {
  const { rows: tables } = await db.raw(
    `select tablename from pg_tables
      where schemaname = current_schema()
        and (tablename like 'autopilot\\_%' or tablename = 'notification')
      order by tablename`
  )
  const counts: Record<string, number> = {}
  for (const { tablename } of tables) {
    const { rows } = await db.raw(
      `select count(*)::int as n from "${String(tablename)}"`
    )
    counts[String(tablename)] = Number(rows[0].n)
  }
  return counts
}
