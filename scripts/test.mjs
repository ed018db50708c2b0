#!/usr/bin/env node
// `npm test`: lint, typecheck, then every test tier, each in its own jest
// process (--runInBand --forceExit: every integration file boots Medusa).
// Ends with one line "N passed, N failed" totalled from jest's JSON results.
//
//   npm test                       everything
//   npm test -- --tier unit        one tier (repeatable)
//   npm test -- --no-lint          skip lint and typecheck
import { spawnSync } from "node:child_process"
import { mkdir, rm } from "node:fs/promises"
import path from "node:path"
import { formatTotal, RESULTS_DIR, totalResults } from "./lib/results.js"

const TIERS = [
  "unit",
  "integration:modules",
  "integration:http",
  "fuzz",
  "multi",
  "e2e",
  "browser",
]

const args = process.argv.slice(2)
const chosen = args.flatMap((a, i) => (a === "--tier" ? [args[i + 1]] : []))
const tiers = chosen.length ? chosen : TIERS
const unknown = tiers.filter((t) => !TIERS.includes(t))
if (unknown.length) {
  console.error(
    `unknown tier(s): ${unknown.join(", ")}; tiers: ${TIERS.join(", ")}`
  )
  process.exit(2)
}
const withLint = !args.includes("--no-lint")

const bin = (name) => path.resolve("node_modules", ".bin", name)
const env = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" }
const failures = []

function step(title, command, commandArgs, extraEnv = {}) {
  console.log(`\n=== ${title}`)
  const started = Date.now()
  const result = spawnSync(command, commandArgs, {
    stdio: "inherit",
    env: { ...env, ...extraEnv },
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const ok = result.status === 0
  console.log(`=== ${title}: ${ok ? "ok" : "FAILED"} (${seconds}s)`)
  if (!ok) failures.push(title)
}

await rm(RESULTS_DIR, { recursive: true, force: true })
await mkdir(RESULTS_DIR, { recursive: true })

if (withLint) {
  step("lint", "npm", ["run", "--silent", "lint"])
  step("typecheck", "npm", ["run", "--silent", "typecheck"])
}

// Each integration file boots a whole Medusa app in one jest process, and
// jest keeps part of every file's module graph: past 40 files the process's
// heap grows until GC slows every later boot (seen in CI: boots of 60-146 s
// against 20-30 s early in the run). The http tier runs in shards, each its
// own process.
const SHARDS = { "integration:http": 2 }

for (const tier of tiers) {
  const shards = SHARDS[tier] ?? 1
  for (let shard = 1; shard <= shards; shard++) {
    const name = `${tier.replace(/[^a-z]+/g, "-")}${shards > 1 ? `-${shard}` : ""}`
    const out = path.join(RESULTS_DIR, `${name}.json`)
    step(
      `tests: ${tier}${shards > 1 ? ` (part ${shard} of ${shards})` : ""}`,
      process.execPath,
      [
        "--experimental-vm-modules",
        // Each integration file boots a whole Medusa app in this one process;
        // jest keeps part of every file's module graph, so 30+ files outgrow
        // Node's default 4 GB heap (seen in CI).
        "--max-old-space-size=8192",
        bin("jest"),
        "--runInBand",
        "--forceExit",
        "--json",
        `--outputFile=${out}`,
        ...(shards > 1 ? [`--shard=${shard}/${shards}`] : []),
      ],
      { TEST_TYPE: tier }
    )
  }
}

const total = await totalResults()
console.log("")
if (failures.length) {
  console.log(`failed steps: ${failures.join(", ")}`)
}
console.log(formatTotal(total))
process.exit(failures.length || total.failed ? 1 : 0)
