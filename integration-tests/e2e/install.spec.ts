import { rm } from "node:fs/promises"
import pg from "pg"
import { ThrowawayShop } from "./shop"

jest.setTimeout(600_000)

function dbServer() {
  return {
    host: process.env.DB_HOST ?? "localhost",
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USERNAME ?? "postgres",
    password: process.env.DB_PASSWORD ?? "",
  }
}

describe("installing the packed plugin into a Medusa 2.21.2 shop", () => {
  const shop = new ThrowawayShop(dbServer())
  let tarball = ""

  beforeAll(async () => {
    tarball = await ThrowawayShop.pack()
    await shop.create(tarball)
  })

  afterAll(async () => {
    await shop.stop()
    if (tarball) await rm(tarball, { force: true })
  })

  it("ships no tests, fixtures or dev config in the tarball", async () => {
    const { execFileSync } = await import("node:child_process")
    const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
      .trim()
      .split("\n")
    expect(files).toContain("package/package.json")
    expect(files).toContain(
      "package/.medusa/server/src/modules/autopilot/index.js"
    )
    const unwanted = files.filter((f) =>
      /(__tests__|integration-tests|\.spec\.|medusa-config|jest\.config|scripts\/|\.ci\/|bench\/|tsconfig)/.test(
        f
      )
    )
    expect(unwanted).toEqual([])
  })

  it("creates the module's tables with medusa db:migrate", async () => {
    await shop.medusa("db:migrate")
    const client = new pg.Client({
      connectionString: shop.databaseUrl,
    })
    await client.connect()
    try {
      const { rows } = await client.query(
        "select table_name from information_schema.tables where table_name like 'autopilot_%' order by 1"
      )
      expect(rows.map((r) => r.table_name)).toEqual([
        "autopilot_job_run",
        "autopilot_job_setting",
        "autopilot_job_setting_change",
      ])
    } finally {
      await client.end()
    }
  })

  it("boots with the plugin and answers on /health", async () => {
    await shop.start()
    const res = await fetch(`${shop.baseUrl}/health`)
    expect(res.status).toBe(200)
    expect(shop.log).not.toMatch(/Could not resolve module: Autopilot/)
  })
})
