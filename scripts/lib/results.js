// Totals jest's JSON result files (test-results/*.json). CI reads a plain
// "N passed, N failed" line, not jest's own summary.
"use strict"
const { readdir, readFile } = require("node:fs/promises")
const path = require("node:path")

const RESULTS_DIR = path.resolve("test-results")

/** @returns {Promise<{ passed: number, failed: number, skipped: number, suites: number, failedSuites: number }>} */
async function totalResults(dir = RESULTS_DIR) {
  const total = { passed: 0, failed: 0, skipped: 0, suites: 0, failedSuites: 0 }
  const files = (await readdir(dir).catch(() => [])).filter((f) =>
    f.endsWith(".json")
  )
  for (const file of files) {
    const json = JSON.parse(await readFile(path.join(dir, file), "utf8"))
    total.passed += json.numPassedTests ?? 0
    total.failed += json.numFailedTests ?? 0
    total.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0)
    total.suites += json.numTotalTestSuites ?? 0
    // A suite that fails to load (syntax error, hook failure) has no failed
    // test, so count it as one failure: it must not pass silently.
    total.failedSuites += json.numRuntimeErrorTestSuites ?? 0
    total.failed += json.numRuntimeErrorTestSuites ?? 0
  }
  return total
}

function formatTotal(t) {
  return (
    `${t.passed} passed, ${t.failed} failed` +
    (t.skipped ? `, ${t.skipped} skipped` : "")
  )
}

module.exports = { RESULTS_DIR, totalResults, formatTotal }
