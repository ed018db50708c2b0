import { readFileSync } from "node:fs"
import { join } from "node:path"
import * as models from "../../modules/autopilot/models"

type Snapshot = {
  tables: {
    name: string
    columns: Record<string, { enumItems?: string[] }>
  }[]
}

const snapshot: Snapshot = JSON.parse(
  readFileSync(
    join(
      __dirname,
      "../../modules/autopilot/migrations/.snapshot-autopilot.json"
    ),
    "utf8"
  )
)

/** `AutopilotJobRun` → `autopilot_job_run` */
const table = (entityName: string) =>
  entityName.replace(/(?<!^)([A-Z])/g, "_$1").toLowerCase()

/** `{ "<table>.<column>": values }` of every enum column the models declare. */
function modelEnums(): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const entity of Object.values(models) as unknown[]) {
    const { name, schema } = entity as {
      name: string
      schema: Record<string, { parse(field: string): unknown }>
    }
    for (const [field, property] of Object.entries(schema)) {
      const parsed = property.parse(field) as {
        dataType: { name: string; options?: { choices?: unknown[] } }
      }
      if (parsed.dataType.name === "enum") {
        out[`${table(name)}.${field}`] = parsed.dataType.options?.choices ?? []
      }
    }
  }
  return out
}

function snapshotEnums(): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const table of snapshot.tables) {
    for (const [column, spec] of Object.entries(table.columns)) {
      if (spec.enumItems?.length)
        out[`${table.name}.${column}`] = spec.enumItems
    }
  }
  return out
}

describe("shared enums", () => {
  it("give the models exactly the enum values (and order) the migrations created", () => {
    const fromModels = modelEnums()
    expect(Object.keys(fromModels).length).toBeGreaterThan(10)
    expect(fromModels).toEqual(snapshotEnums())
  })
})
