import { spawnSync } from "node:child_process"
import path from "node:path"

/**
 * The layout's import rules (eslint.config.mjs, docs/architecture.md) hold
 * by themselves: each case lints one made-up file at a real place in the
 * tree and expects the rule to fire, or not. ESLint runs in a child process
 * because its flat config is an ES module.
 */
const ROOT = path.resolve(__dirname, "../..")

type Case = { file: string; code: string; rule: string | null }

const CASES: Record<string, Case> = {
  "runtime → feature": {
    file: "src/runtime/probe.ts",
    code: 'export { JOB_HANDLERS } from "../features"\n',
    rule: "import-x/no-restricted-paths",
  },
  "runtime → workflows": {
    file: "src/runtime/probe.ts",
    code: 'export * from "../workflows/carts"\n',
    rule: "import-x/no-restricted-paths",
  },
  "feature → another feature": {
    file: "src/features/cart-pruning/probe.ts",
    code: 'export { cartRemindersJob } from "../cart-reminders/job"\n',
    rule: "import-x/no-restricted-paths",
  },
  "feature → its own files (allowed)": {
    file: "src/features/cart-pruning/probe.ts",
    code: 'export { decide } from "./candidates"\n',
    rule: null,
  },
  "feature → workflows (allowed)": {
    file: "src/features/cart-pruning/probe.ts",
    code: 'export * from "../../workflows/carts"\n',
    rule: null,
  },
  "step → feature": {
    file: "src/workflows/carts/steps/probe.ts",
    code: 'export { decide } from "../../../features/cart-pruning/candidates"\n',
    rule: "import-x/no-restricted-paths",
  },
  "workflow domain → another domain": {
    file: "src/workflows/restock/steps/probe.ts",
    code: 'export * from "../../carts/utils/activity"\n',
    rule: "import-x/no-restricted-paths",
  },
  "step → shared (allowed)": {
    file: "src/workflows/restock/steps/probe.ts",
    code: 'export * from "../../../shared/cart-optout"\n',
    rule: null,
  },
  "carriers → Medusa": {
    file: "src/carriers/probe.ts",
    code: 'export { Modules } from "@medusajs/framework/utils"\n',
    rule: "no-restricted-imports",
  },
  "route → SQL helpers": {
    file: "src/api/probe.ts",
    code: 'export * from "../lib/sql/links"\n',
    rule: "import-x/no-restricted-paths",
  },
  "subscriber → raw connection": {
    file: "src/subscribers/probe.ts",
    code: 'import { ContainerRegistrationKeys } from "@medusajs/framework/utils"\nexport const key = ContainerRegistrationKeys.PG_CONNECTION\n',
    rule: "no-restricted-properties",
  },
  "admin → server code": {
    file: "src/admin/probe.ts",
    code: 'export { now } from "../runtime/clock"\n',
    rule: "import-x/no-restricted-paths",
  },
}

const SCRIPT = `
const { ESLint } = require("eslint")
const cases = JSON.parse(process.argv[1])
;(async () => {
  const eslint = new ESLint({ cwd: process.cwd() })
  const out = {}
  for (const [name, c] of Object.entries(cases)) {
    const [result] = await eslint.lintText(c.code, { filePath: c.file })
    out[name] = result.messages.map((m) => m.ruleId)
  }
  process.stdout.write(JSON.stringify(out))
})().catch((e) => { console.error(e); process.exit(1) })
`

describe("layout import rules", () => {
  let fired: Record<string, (string | null)[]>

  beforeAll(() => {
    const child = spawnSync(
      process.execPath,
      ["-e", SCRIPT, JSON.stringify(CASES)],
      { cwd: ROOT, encoding: "utf8", timeout: 120_000 }
    )
    if (child.status !== 0) {
      throw new Error(`eslint failed: ${child.stderr || child.error}`)
    }
    fired = JSON.parse(child.stdout)
  }, 130_000)

  it.each(Object.entries(CASES))("%s", (name, c) => {
    const layoutRules = fired[name].filter(
      (rule) =>
        rule === "import-x/no-restricted-paths" ||
        rule === "no-restricted-imports" ||
        rule === "no-restricted-properties"
    )
    expect(layoutRules).toEqual(c.rule ? [c.rule] : [])
  })
})
