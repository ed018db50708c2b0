// Stops the demo the setup started (it stops Medusa and its fakes on
// SIGINT), then drops its database and state folder.
import { rm } from "node:fs/promises"
import db from "../../scripts/lib/database.js"

export default async function globalTeardown() {
  const state = globalThis.__AUTOPILOT_BROWSER__
  if (!state) return
  const { child, server, name, demoDir } = state
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve))
    child.kill("SIGINT")
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000)
    await exited
    clearTimeout(timer)
  }
  await db.dropDatabase(server, name).catch(() => undefined)
  await server.stop()
  await rm(demoDir, { recursive: true, force: true })
}
