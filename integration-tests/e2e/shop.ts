import { type ChildProcess, execFile, spawn } from "node:child_process"
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import os from "node:os"
import path from "node:path"
import { promisify } from "node:util"
import {
  databaseUrl,
  dropDatabase,
  ensureDatabase,
  freePort,
} from "../../scripts/lib/database.js"

const run = promisify(execFile)
export const ROOT = path.resolve(__dirname, "../..")

type DbServer = { host: string; port: number; user: string; password: string }

/**
 * A throwaway Medusa 2.21.2 shop that installs the plugin from its packed
 * tarball, exactly as a merchant would: `npm install <tarball>`, a `plugins`
 * entry, `medusa db:migrate`, `medusa start`.
 */
export class ThrowawayShop {
  dir = ""
  dbName = `autopilot_shop_${process.pid}`
  port = 0
  server?: ChildProcess
  log = ""

  constructor(private readonly db: DbServer) {}

  get baseUrl(): string {
    return `http://localhost:${this.port}`
  }

  get databaseUrl(): string {
    return databaseUrl(this.db, this.dbName)
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      DATABASE_URL: this.databaseUrl,
      MEDUSA_DISABLE_TELEMETRY: "true",
      // Production cookies are Secure and break admin login over http.
      NODE_ENV: "development",
      PORT: String(this.port),
    }
  }

  /** Builds and packs the plugin; returns the tarball's path. */
  static async pack(): Promise<string> {
    await run("npm", ["run", "--silent", "build"], { cwd: ROOT })
    const { stdout } = await run(
      "npm",
      ["pack", "--json", "--pack-destination", os.tmpdir()],
      { cwd: ROOT }
    )
    const [{ filename }] = JSON.parse(stdout) as { filename: string }[]
    return path.join(os.tmpdir(), filename)
  }

  async create(tarball: string, pluginOptions: object = {}): Promise<void> {
    this.dir = await mkdtemp(path.join(os.tmpdir(), "autopilot-shop-"))
    this.port = await freePort()
    const pkg = JSON.parse(
      await readFile(path.join(ROOT, "package.json"), "utf8")
    )
    const pin = (name: string) => pkg.devDependencies[name] as string
    await writeFile(
      path.join(this.dir, "package.json"),
      JSON.stringify(
        {
          name: "throwaway-shop",
          private: true,
          dependencies: {
            "@medusajs/admin-sdk": pin("@medusajs/admin-sdk"),
            "@medusajs/cli": pin("@medusajs/cli"),
            "@medusajs/framework": pin("@medusajs/framework"),
            "@medusajs/icons": pin("@medusajs/icons"),
            "@medusajs/js-sdk": pin("@medusajs/js-sdk"),
            "@medusajs/medusa": pin("@medusajs/medusa"),
            "@medusajs/test-utils": pin("@medusajs/test-utils"),
            "@medusajs/ui": pin("@medusajs/ui"),
            "medusa-plugin-autopilot": `file:${tarball}`,
            react: pin("react"),
            "react-dom": pin("react-dom"),
          },
          devDependencies: {
            // npm hoists a package that needs ajv 8 above where ajv 8 lands.
            ajv: pin("ajv"),
            "@swc/core": pin("@swc/core"),
            "ts-node": pin("ts-node"),
            typescript: pin("typescript"),
            vite: pin("vite"),
          },
        },
        null,
        2
      )
    )
    await writeFile(
      path.join(this.dir, "medusa-config.ts"),
      `import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:${this.port}",
      authCors: "http://localhost:${this.port}",
      jwtSecret: "throwaway-jwt",
      cookieSecret: "throwaway-cookie",
    },
  },
  plugins: [
    { resolve: "medusa-plugin-autopilot", options: ${JSON.stringify(pluginOptions)} },
  ],
})
`
    )
    await writeFile(
      path.join(this.dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2021",
          module: "Node16",
          moduleResolution: "Node16",
          esModuleInterop: true,
          skipLibCheck: true,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
        },
        "ts-node": { swc: true },
        include: ["**/*"],
        exclude: ["node_modules", ".medusa"],
      })
    )
    await run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline"],
      { cwd: this.dir, maxBuffer: 64 * 1024 * 1024 }
    )
    await ensureDatabase(this.db, this.dbName)
  }

  async medusa(...args: string[]): Promise<string> {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(this.dir, "node_modules/@medusajs/cli/cli.js"), ...args],
      { cwd: this.dir, env: this.env(), maxBuffer: 64 * 1024 * 1024 }
    )
    return stdout + stderr
  }

  async start(timeoutMs = 180_000): Promise<void> {
    this.server = spawn(
      process.execPath,
      [path.join(this.dir, "node_modules/@medusajs/cli/cli.js"), "start"],
      { cwd: this.dir, env: this.env(), detached: true }
    )
    this.server.stdout?.on("data", (d) => (this.log += d))
    this.server.stderr?.on("data", (d) => (this.log += d))
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (this.server.exitCode !== null) {
        throw new Error(`shop exited early:\n${this.log.slice(-4000)}`)
      }
      const ok = await fetch(`${this.baseUrl}/health`)
        .then((r) => r.ok)
        .catch(() => false)
      if (ok) return
      await new Promise((r) => setTimeout(r, 500))
    }
    throw new Error(`shop did not start:\n${this.log.slice(-4000)}`)
  }

  async stop(): Promise<void> {
    const server = this.server
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r))
      process.kill(-server.pid, "SIGTERM")
      const timer = setTimeout(() => {
        try {
          process.kill(-server.pid!, "SIGKILL")
        } catch {
          // already gone
        }
      }, 10_000)
      await exited
      clearTimeout(timer)
    }
    await dropDatabase(this.db, this.dbName).catch(() => {})
    if (this.dir) await rm(this.dir, { recursive: true, force: true })
  }
}
