import { spawn } from "node:child_process"
import path from "node:path"
import {
  databaseUrl,
  dropDatabase,
  ensureDatabase,
} from "../../scripts/lib/database.js"

jest.setTimeout(120_000)

const ROOT = path.resolve(__dirname, "../..")
const DB_NAME = `autopilot_startup_${process.pid}`

function server() {
  return {
    host: process.env.DB_HOST ?? "localhost",
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USERNAME ?? "postgres",
    password: process.env.DB_PASSWORD ?? "",
  }
}

/** Runs `medusa start` with the given plugin options until it exits (or 90 s pass). */
function startMedusa(options: unknown) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "node_modules/@medusajs/cli/cli.js"), "start"],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: "development",
          PORT: "0",
          MEDUSA_ADMIN_DISABLED: "true",
          DATABASE_URL: databaseUrl(server(), DB_NAME),
          AUTOPILOT_OPTIONS: JSON.stringify(options),
        },
        detached: true,
      }
    )
    let output = ""
    child.stdout.on("data", (d) => (output += d))
    child.stderr.on("data", (d) => (output += d))
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 90_000)
    child.on("exit", (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

describe("plugin options at start-up", () => {
  beforeAll(async () => {
    await ensureDatabase(server(), DB_NAME)
  })

  afterAll(async () => {
    await dropDatabase(server(), DB_NAME)
  })

  it("stops start-up and names each wrong option", async () => {
    const { code, output } = await startMedusa({
      storefrontUrl: "shop.example.com",
      jobs: {
        "payment-recovry": { enabled: true },
        "cart-pruning": { schedule: "every day" },
      },
    })
    expect(code).not.toBe(0)
    expect(output).toContain(
      "medusa-plugin-autopilot: invalid plugin options in medusa-config.ts:"
    )
    expect(output).toContain('"storefrontUrl": expected an http(s) URL')
    expect(output).toMatch(
      /"jobs": unknown key "payment-recovry"; expected one of payment-recovery/
    )
    expect(output).toMatch(
      /"jobs.cart-pruning.schedule": expected a cron expression with 5 or 6 fields/
    )
  })
})
