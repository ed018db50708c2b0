import { readFileSync } from "node:fs"
import path from "node:path"
import { z } from "@medusajs/framework/zod"
import { JOB_CATALOG, JOB_NAMES } from "../../../catalog/jobs"
import { autopilotOptionsSchema } from "../options"

/**
 * The README is a merchant's reference for the plugin options: every option
 * the schema accepts must be in its tables, and the tables must name no option
 * the schema would refuse.
 */
const README = readFileSync(
  path.resolve(__dirname, "../../../../README.md"),
  "utf8"
)

/** The lines of the README section under `## <title>`, up to the next `## `. */
function section(markdown: string, title: string): string[] {
  const lines = markdown.split("\n")
  const start = lines.findIndex((line) => line.trim() === `## ${title}`)
  if (start === -1) {
    throw new Error(`README.md has no "## ${title}" section`)
  }
  const rest = lines.slice(start + 1)
  const end = rest.findIndex((line) => line.startsWith("## "))
  return end === -1 ? rest : rest.slice(0, end)
}

function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((cell) => cell.trim())
}

/**
 * The body rows (as cells) of the table in `lines` whose header's first
 * column is `firstColumn`.
 */
function table(lines: string[], firstColumn: string): string[][] {
  const tables: string[][] = []
  let current: string[] | null = null
  for (const line of lines) {
    if (line.trim().startsWith("|")) {
      current ??= []
      current.push(line)
    } else if (current) {
      tables.push(current)
      current = null
    }
  }
  if (current) tables.push(current)
  const found = tables.find((t) => cells(t[0])[0] === firstColumn)
  if (!found) {
    throw new Error(`no table with first column "${firstColumn}" found`)
  }
  // header, separator, then the rows
  return found.slice(2).map(cells)
}

/** The name in a first cell written as `name`; fails on anything else. */
function codeName(cell: string): string {
  const match = /^`([^`]+)`$/.exec(cell)
  if (!match) {
    throw new Error(`expected a \`name\` in the first column, got "${cell}"`)
  }
  return match[1]
}

function sorted(names: Iterable<string>): string[] {
  return [...names].sort()
}

/** The keys a `jobs.<name>` entry accepts, read from the schema itself. */
function jobEntryKeys(): string[] {
  const jobs = autopilotOptionsSchema.shape.jobs.unwrap()
  const entry = jobs.shape[JOB_NAMES[0]].unwrap()
  return Object.keys(entry.shape)
}

describe("README options table", () => {
  const options = section(README, "Options")

  it("lists every top-level plugin option and no other", () => {
    const documented = table(options, "option").map((row) => codeName(row[0]))
    const schema = Object.keys(autopilotOptionsSchema.shape)

    // Each missing or unknown name is reported by name.
    expect(schema.filter((name) => !documented.includes(name))).toEqual([])
    expect(documented.filter((name) => !schema.includes(name))).toEqual([])
    expect(sorted(documented)).toEqual(sorted(new Set(documented)))
    expect(schema.length).toBeGreaterThan(0)
  })

  it("lists every key of a jobs.<name> entry and no other", () => {
    const documented = table(options, "key").map((row) => codeName(row[0]))
    const schema = jobEntryKeys()

    expect(schema.filter((name) => !documented.includes(name))).toEqual([])
    expect(documented.filter((name) => !schema.includes(name))).toEqual([])
    expect(schema).toContain("enabled")
  })

  it("gives each job's entry the same keys (the table covers them all)", () => {
    const jobs = autopilotOptionsSchema.shape.jobs.unwrap()
    for (const name of JOB_NAMES) {
      const entry = jobs.shape[name].unwrap() as z.ZodObject
      expect(sorted(Object.keys(entry.shape))).toEqual(sorted(jobEntryKeys()))
    }
  })
})

describe("README jobs table", () => {
  const rows = table(section(README, "Jobs"), "job")

  it("lists every job once, with its default schedule and switch", () => {
    const documented = rows.map((row) => codeName(row[0]))
    expect(sorted(documented)).toEqual(sorted(JOB_NAMES))
    expect(documented).toHaveLength(JOB_NAMES.length)

    for (const row of rows) {
      const name = codeName(row[0]) as (typeof JOB_NAMES)[number]
      const definition = JOB_CATALOG[name]
      const [, , schedule, onByDefault] = row
      expect(`${name}: ${schedule}`).toContain(
        `${name}: \`${String(definition.defaultSchedule)}\``
      )
      const on = onByDefault.replace(/\*/g, "")
      expect(`${name}: ${on}`).toBe(
        `${name}: ${definition.defaultEnabled ? "yes" : "no"}`
      )
    }
  })
})
