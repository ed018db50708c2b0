#!/usr/bin/env node
// `npm run demo`: a demo shop with the plugin, from nothing but Node.
//   1. PostgreSQL: DATABASE_URL when set, else an embedded PostgreSQL kept in
//      .demo/postgres (git-ignored) so the shop survives restarts;
//   2. `medusa db:migrate`, the demo seed, an admin user;
//   3. Medusa with the plugin at http://localhost:9000/app until Ctrl-C.
// `npm run demo -- --smoke` does the same on a fresh, throw-away database,
// checks /health and an admin login, prints a report, stops everything it
// started and exits 0 (non-zero on any failure).
import { spawn } from "node:child_process"
import { readFile, rm } from "node:fs/promises"
import path from "node:path"
import { fileURLToPath } from "node:url"
import db from "./lib/database.js"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const SMOKE = process.argv.includes("--smoke")
const MEDUSA_CLI = path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js")
const ADMIN = { email: "admin@autopilot.local", password: "autopilot-demo" }
const DB_NAME = "autopilot_demo"

const started = [] // cleanup callbacks, run in reverse
let stopping = null

function log(message) {
  console.log(`[demo] ${message}`)
}

/** Stops everything started, once; every caller waits for the same stop. */
function cleanup() {
  stopping ??= (async () => {
    for (const stop of started.reverse()) {
      await stop().catch((e) => console.error(`[demo] cleanup: ${e.message}`))
    }
  })()
  return stopping
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    log(`${signal}: stopping everything the demo started`)
    await cleanup()
    process.exit(0)
  })
}

function baseEnv(databaseUrl, extra = {}) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    MEDUSA_DISABLE_TELEMETRY: "true",
    // Production mode sets Secure cookies, which break admin login over http.
    NODE_ENV: "development",
    ...extra,
  }
}

/** Runs a medusa CLI command to completion; rejects on a non-zero exit. */
function medusa(args, env, { quiet = true } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MEDUSA_CLI, ...args], {
      cwd: ROOT,
      env,
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    })
    let output = ""
    child.stdout?.on("data", (d) => (output += d))
    child.stderr?.on("data", (d) => (output += d))
    child.on("exit", (code) =>
      code === 0
        ? resolve(output)
        : reject(
            Object.assign(
              new Error(`medusa ${args.join(" ")} exited with ${code}`),
              { output }
            )
          )
    )
  })
}

async function waitForHealth(baseUrl, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`Medusa exited early with code ${server.exitCode}`)
    }
    try {
      const res = await fetch(`${baseUrl}/health`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`Medusa did not answer ${baseUrl}/health in ${timeoutMs} ms`)
}

async function database() {
  if (process.env.DATABASE_URL) {
    log("using DATABASE_URL")
    return process.env.DATABASE_URL
  }
  const dataDir = SMOKE
    ? path.join(ROOT, ".demo", `smoke-postgres-${process.pid}`)
    : path.join(ROOT, ".demo", "postgres")
  log(`starting embedded PostgreSQL (${path.relative(ROOT, dataDir)})`)
  const server = await db.startEmbedded({ dataDir, persistent: !SMOKE })
  started.push(async () => {
    log("stopping embedded PostgreSQL")
    await server.stop()
    if (SMOKE) await rm(dataDir, { recursive: true, force: true })
  })
  await db.ensureDatabase(server, DB_NAME)
  return db.databaseUrl(server, DB_NAME)
}

async function main() {
  const t0 = Date.now()
  const databaseUrl = await database()
  const port = SMOKE ? await db.freePort() : Number(process.env.PORT || 9000)
  const baseUrl = `http://localhost:${port}`
  const seedOutput = path.join(ROOT, ".demo", "seed.json")
  const env = baseEnv(databaseUrl, { PORT: String(port) })

  log("migrating")
  await medusa(["db:migrate"], env)
  log("seeding the demo shop")
  await rm(seedOutput, { force: true })
  await medusa(["exec", "./scripts/seed-demo.ts"], {
    ...env,
    DEMO_SEED_OUTPUT: seedOutput,
  })
  const seed = JSON.parse(await readFile(seedOutput, "utf8").catch(() => "{}"))

  log("creating the admin user")
  await medusa(["user", "-e", ADMIN.email, "-p", ADMIN.password], env).catch(
    (e) => {
      // Re-running the demo: the user is already there.
      if (!/already exists/i.test(e.output ?? "")) throw e
    }
  )

  log(`starting Medusa on ${baseUrl}`)
  const server = spawn(process.execPath, [MEDUSA_CLI, "start"], {
    cwd: ROOT,
    env,
    // Its own process group, so stopping it also stops its children.
    detached: true,
    stdio: SMOKE ? ["ignore", "pipe", "pipe"] : "inherit",
  })
  let serverLog = ""
  server.stdout?.on("data", (d) => (serverLog += d))
  server.stderr?.on("data", (d) => (serverLog += d))
  started.push(async () => {
    if (server.exitCode !== null) return
    log("stopping Medusa")
    const exited = new Promise((r) => server.once("exit", r))
    process.kill(-server.pid, "SIGTERM")
    const timer = setTimeout(() => process.kill(-server.pid, "SIGKILL"), 10_000)
    await exited
    clearTimeout(timer)
  })

  try {
    await waitForHealth(baseUrl, server, 180_000)
  } catch (e) {
    if (serverLog) console.error(serverLog.slice(-4000))
    throw e
  }

  const login = await fetch(`${baseUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  })
  if (!login.ok) throw new Error(`admin login failed: ${login.status}`)
  const { token } = await login.json()
  const me = await fetch(`${baseUrl}/admin/users/me`, {
    headers: { authorization: `Bearer ${token}` },
  })
  if (!me.ok) throw new Error(`GET /admin/users/me failed: ${me.status}`)

  const report = [
    `Medusa with medusa-plugin-autopilot is up (${((Date.now() - t0) / 1000).toFixed(1)}s)`,
    `  admin:           ${baseUrl}/app`,
    `  admin login:     ${ADMIN.email} / ${ADMIN.password}`,
    `  store API key:   ${seed.publishable_key ?? "(see the admin: Settings → Publishable API Keys)"}`,
    `  seeded:          ${seed.product_ids?.length ?? 0} products (${seed.sold_out_variant_ids?.length ?? 0} sold-out variants), ${seed.customer_ids?.length ?? 0} customers, ${seed.cart_ids?.length ?? 0} carts`,
    `  health:          ok; admin login: ok`,
  ]
  console.log(`\n${report.join("\n")}\n`)

  if (SMOKE) {
    log("smoke test passed; stopping")
    await cleanup()
    return
  }
  log("press Ctrl-C to stop")
  await new Promise((resolve) => server.on("exit", resolve))
  log(`Medusa exited with code ${server.exitCode}`)
  await cleanup()
  process.exit(server.exitCode ?? 1)
}

main().then(
  () => process.exit(0),
  async (error) => {
    console.error(`[demo] failed: ${error.message}`)
    if (error.output) console.error(error.output.slice(-4000))
    await cleanup()
    process.exit(1)
  }
)
