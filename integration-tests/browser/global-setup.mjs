// The browser tier's shop: the demo (scripts/demo.mjs) on a fresh database,
// so every page and widget is looked at on seeded data after every job ran
// once. BROWSER_BASE_URL reuses a demo that is already up (its state folder
// in BROWSER_DEMO_DIR, default .demo) instead of starting one.
import { spawn } from "node:child_process"
import { mkdir, rm } from "node:fs/promises"
import path from "node:path"
import { fileURLToPath } from "node:url"
import db from "../../scripts/lib/database.js"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
const READY = /press Ctrl-C to stop/
const BOOT_TIMEOUT_MS = 15 * 60_000

export default async function globalSetup() {
  process.env.MEDUSA_DISABLE_TELEMETRY = "true"
  if (process.env.BROWSER_BASE_URL) {
    process.env.BROWSER_DEMO_DIR ??= path.join(ROOT, ".demo")
    console.log(
      `\n[browser tests] reusing the demo at ${process.env.BROWSER_BASE_URL}`
    )
    return
  }
  const server = await db.acquireDatabase()
  const name = `autopilot_browser_${process.pid}`
  await db.dropDatabase(server, name)
  await db.ensureDatabase(server, name)
  const demoDir = path.join(ROOT, ".demo", `browser-${process.pid}`)
  await rm(demoDir, { recursive: true, force: true })
  await mkdir(demoDir, { recursive: true })
  const port = await db.freePort()
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "scripts", "demo.mjs")],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.databaseUrl(server, name),
        PORT: String(port),
        AUTOPILOT_DEMO_DIR: demoDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    }
  )
  let log = ""
  const keep = (d) => {
    log = (log + d).slice(-20_000)
  }
  child.stdout.on("data", keep)
  child.stderr.on("data", keep)
  globalThis.__AUTOPILOT_BROWSER__ = { child, server, name, demoDir }
  console.log(
    `\n[browser tests] starting the demo shop on port ${port} (database ${name})`
  )
  const started = Date.now()
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new Error(
          `the demo was not up after ${BOOT_TIMEOUT_MS / 60_000} min:\n${log.slice(-4000)}`
        )
      )
    }, BOOT_TIMEOUT_MS)
    const check = () => {
      if (READY.test(log)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout.on("data", check)
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(
        new Error(`the demo exited with code ${code}:\n${log.slice(-4000)}`)
      )
    })
  })
  console.log(
    `[browser tests] demo up in ${((Date.now() - started) / 1000).toFixed(0)} s`
  )
  if (/\[demo\] problems/.test(log)) {
    console.warn(
      `[browser tests] the demo reported problems:\n${log.slice(-3000)}`
    )
  }
  process.env.BROWSER_BASE_URL = `http://localhost:${port}`
  process.env.BROWSER_DEMO_DIR = demoDir
}
