// Gives the integration tiers a PostgreSQL: the one in DB_* env, the one on
// localhost:5432, or an embedded one started here (see scripts/lib/database.js).
// Jest runs with --runInBand, so the DB_* variables set here reach the tests.
import { acquireDatabase } from "../../scripts/lib/database.js"

export default async function globalSetup() {
  const db = await acquireDatabase({
    log: process.env.DEBUG_EMBEDDED_PG ? (l) => console.log(l) : undefined,
  })
  globalThis.__AUTOPILOT_DB__ = db
  // @medusajs/test-utils forces SSL unless the host is literally "localhost".
  process.env.DB_HOST = db.host === "127.0.0.1" ? "localhost" : db.host
  process.env.DB_PORT = String(db.port)
  process.env.DB_USERNAME = db.user
  process.env.DB_PASSWORD = db.password
  process.env.AUTOPILOT_TEST_DB_SOURCE = db.source
  process.env.MEDUSA_DISABLE_TELEMETRY = "true"
  // Medusa logs every migration at info level; keep test output readable.
  process.env.LOG_LEVEL ??= "error"
  console.log(
    `\n[autopilot tests] PostgreSQL: ${db.source} at ${db.host}:${db.port}`
  )
}
