#!/usr/bin/env node
// `npm run bench`: runs every bench/*.ts, each on a fresh database.
//   1. PostgreSQL: DB_HOST/DB_PORT when set, else localhost:5432, else an
//      embedded PostgreSQL started here (scripts/lib/database.js);
//   2. per bench: a fresh database autopilot_bench_<name>, `medusa db:migrate`,
//      `medusa exec ./bench/<name>.ts` (output streamed), database dropped;
//   3. bench/out/SUMMARY.md: every bench/out/*.md under one heading, with the
//      date and the machine.
// `npm run bench -- <name>` runs only the benches whose name contains <name>.
// Exits non-zero when a bench fails.
import { spawn } from "node:child_process"
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import db from "./lib/database.js"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const BENCH_DIR = path.join(ROOT, "bench")
const OUT_DIR = path.join(BENCH_DIR, "out")
const MEDUSA_CLI = path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js")
const only = process.argv.slice(2)

function log(message) {
  console.log(`[bench] ${message}`)
}

/** Runs a medusa CLI command with its output streamed; rejects on a non-zero exit. */
function medusa(args, env, nodeArgs = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, MEDUSA_CLI, ...args], {
      cwd: ROOT,
      env,
      stdio: "inherit",
    })
    child.on("error", reject)
    child.on("exit", (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`medusa ${args.join(" ")} exited with ${signal ?? code}`)
          )
    )
  })
}

function machine() {
  const cpus = os.cpus()
  return (
    `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ` +
    `${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}, ` +
    `${os.platform()} ${os.release()}`
  )
}

async function runBench(server, file) {
  const name = path.basename(file, ".ts")
  const database = `autopilot_bench_${name.replace(/[^a-z0-9]+/gi, "_").toLowerCase()}`
  const env = {
    ...process.env,
    DATABASE_URL: db.databaseUrl(server, database),
    MEDUSA_DISABLE_TELEMETRY: "true",
    NODE_ENV: "development",
    // No scheduled tick may start a run in the middle of a measurement.
    AUTOPILOT_TICK_MS: "3600000",
    LOG_LEVEL: "error",
  }
  const t0 = Date.now()
  // A failed run must not leave an older result in the summary.
  await rm(path.join(OUT_DIR, `${name}.md`), { force: true })
  log(`${name}: fresh database ${database}`)
  await db.dropDatabase(server, database)
  await db.ensureDatabase(server, database)
  try {
    log(`${name}: migrating`)
    await medusa(["db:migrate"], env)
    log(`${name}: running bench/${file}`)
    // --expose-gc: a bench may collect garbage between its measurements;
    // BENCH_NODE_FLAGS adds Node flags (e.g. "--cpu-prof --cpu-prof-dir=…",
    // which NODE_OPTIONS does not take).
    const flags = (process.env.BENCH_NODE_FLAGS ?? "")
      .split(" ")
      .filter(Boolean)
    await medusa(["exec", `./bench/${file}`], env, ["--expose-gc", ...flags])
  } finally {
    await db
      .dropDatabase(server, database)
      .catch((e) => log(`${name}: could not drop ${database}: ${e.message}`))
  }
  const seconds = (Date.now() - t0) / 1000
  log(`${name}: done in ${seconds.toFixed(1)} s`)
  return seconds
}

async function writeSummary(failed) {
  const files = (await readdir(OUT_DIR).catch(() => []))
    .filter((f) => f.endsWith(".md") && f !== "SUMMARY.md")
    .sort()
  const parts = await Promise.all(
    files.map((f) => readFile(path.join(OUT_DIR, f), "utf8"))
  )
  const summary = [
    "# medusa-plugin-autopilot benchmarks",
    "",
    `${new Date().toISOString()} — ${machine()}`,
    "",
    ...(failed.length ? [`**Failed:** ${failed.join(", ")}`, ""] : []),
    ...parts.map((p) => p.trimEnd() + "\n"),
  ].join("\n")
  await mkdir(OUT_DIR, { recursive: true })
  await writeFile(path.join(OUT_DIR, "SUMMARY.md"), summary)
  log(`wrote ${path.relative(ROOT, path.join(OUT_DIR, "SUMMARY.md"))}`)
}

async function main() {
  const t0 = Date.now()
  const files = (await readdir(BENCH_DIR))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .filter((f) => !only.length || only.some((o) => f.includes(o)))
    .sort()
  if (!files.length) throw new Error("no bench/*.ts file to run")

  const server = await db.acquireDatabase({ log: () => {} })
  log(
    `PostgreSQL: ${server.source} at ${server.host}:${server.port}; machine: ${machine()}`
  )
  const failed = []
  try {
    for (const file of files) {
      try {
        await runBench(server, file)
      } catch (e) {
        log(`${file} FAILED: ${e.message}`)
        failed.push(file)
      }
    }
  } finally {
    await server.stop()
  }
  await writeSummary(failed)
  log(`all benches: ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  if (failed.length) throw new Error(`failed: ${failed.join(", ")}`)
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`[bench] ${error.message}`)
    process.exit(1)
  }
)
