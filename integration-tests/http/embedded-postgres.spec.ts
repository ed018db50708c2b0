import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import pg from "pg"
import {
  canConnect,
  ensureDatabase,
  startEmbedded,
} from "../../scripts/lib/database.js"

jest.setTimeout(60_000)

// The fallback a fresh machine (Node only) relies on for `npm test` and
// `npm run demo`: it must start, serve, and leave nothing behind.
describe("embedded PostgreSQL fallback", () => {
  it("starts, serves a database and leaves no process or data behind", async () => {
    const dataDir = path.join(
      os.tmpdir(),
      `autopilot-embedded-spec-${process.pid}`
    )
    const server = await startEmbedded({ dataDir, persistent: false })
    try {
      expect(server.host).toBe("localhost")
      expect(await canConnect(server)).toBe(true)
      await ensureDatabase(server, "autopilot_embedded_check")
      await ensureDatabase(server, "autopilot_embedded_check") // idempotent
      const client = new pg.Client({
        ...server,
        database: "autopilot_embedded_check",
      })
      await client.connect()
      const { rows } = await client.query("show server_version")
      await client.end()
      expect(rows[0].server_version).toMatch(/^17\./)
    } finally {
      await server.stop()
    }
    expect(existsSync(dataDir)).toBe(false)
    const processes = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
    expect(processes).not.toContain(dataDir)
  })
})
