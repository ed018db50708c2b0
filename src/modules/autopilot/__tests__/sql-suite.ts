import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { AUTOPILOT_MODULE } from ".."
import * as models from "../models"
import type AutopilotModuleService from "../service"

/** Runs raw SQL on the test database, outside the module: setup and checks. */
export type Sql = <T = Record<string, unknown>>(
  text: string,
  bindings?: unknown[]
) => Promise<T[]>

/**
 * A module-tier suite for the service's SQL methods: the module on real
 * PostgreSQL, its schema built by the module's own migrations (not from the
 * models), so the partial unique indexes the `on conflict` clauses name and
 * the pruning job's partial indexes are exactly the shipped ones. The schema
 * is dropped after every test; each test seeds its rows through `sql`.
 */
export function sqlSuite(
  suite: (ctx: {
    service: AutopilotModuleService
    sql: Sql
    /** Inserts one row with exactly these columns; returns it. */
    insert: (
      table: string,
      row: Record<string, unknown>
    ) => Promise<Record<string, unknown>>
  }) => void
): void {
  moduleIntegrationTestRunner<AutopilotModuleService>({
    moduleName: AUTOPILOT_MODULE,
    moduleModels: Object.values(models),
    pathToMigrations: path.join(__dirname, "..", "migrations"),
    resolve: "./src/modules/autopilot",
    moduleOptions: { storefrontUrl: "https://shop.example.com" },
    testSuite: ({ service, MikroOrmWrapper }) => {
      const sql: Sql = async (text, bindings = []) =>
        (await MikroOrmWrapper.forkManager().execute(
          text,
          bindings as never[]
        )) as never
      const insert = async (table: string, row: Record<string, unknown>) => {
        const columns = Object.keys(row)
        const [stored] = await sql(
          `insert into ${table} (${columns.join(", ")})
           values (${columns.map(() => "?").join(", ")}) returning *`,
          Object.values(row)
        )
        return stored
      }
      suite({ service, sql, insert })
    },
  })
}

/** A fixed instant plus `minutes`: seeded rows get distinct, ordered times. */
export const at = (minutes: number): Date =>
  new Date(Date.UTC(2026, 0, 1, 12, 0, 0) + minutes * 60_000)

/**
 * A timestamp column as read by `sql`: the test connection returns
 * timestamptz as text, so checks compare instants, not strings.
 */
export const time = (value: unknown): Date | null =>
  value === null || value === undefined ? null : new Date(value as string)
