// Helpers of the multi-instance tier: a Redis for the topology, real Medusa
// processes (`medusa start`, each in its own process group) and the medusa
// CLI commands that prepare their database.
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { readFile, rm } from "node:fs/promises"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import pg from "pg"
import {
  databaseUrl,
  dropDatabase,
  ensureDatabase,
  freePort,
} from "../../scripts/lib/database.js"
import { JOB_NAMES } from "../../src/catalog/jobs"
import { REDIS_URL, redisAvailable, redisAvailableSync } from "../helpers/redis"
import type { MultiSeed } from "./seed"

export const ROOT = path.resolve(__dirname, "../..")
const MEDUSA_CLI = path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js")

/** The Redis DB index this tier uses (and flushes), apart from other users. */
export const REDIS_DB = Number(process.env.AUTOPILOT_TEST_REDIS_DB || 7)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The redis-server binary on PATH, if any. */
export function redisServerBinary(): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "redis-server")
    if (dir && existsSync(candidate)) return candidate
  }
  return null
}

export type TestRedis = {
  /** Redis URL with this tier's DB index. */
  url: string
  /** Whether this tier started the redis-server (and stops it). */
  started: boolean
  stop: () => Promise<void>
}

function withDb(url: string, db: number): string {
  const u = new URL(url)
  u.pathname = `/${db}`
  return u.toString()
}

/** Sends one command to Redis (RESP) and resolves with the first reply line. */
export function redisCommand(url: string, ...args: string[]): Promise<string> {
  const u = new URL(url)
  const db = u.pathname.replace("/", "")
  const commands: string[][] = []
  if (u.password) commands.push(["AUTH", decodeURIComponent(u.password)])
  if (db) commands.push(["SELECT", db])
  commands.push(args)
  const payload = commands
    .map(
      (c) =>
        `*${c.length}\r\n` +
        c.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")
    )
    .join("")
  return new Promise((resolve, reject) => {
    const socket = net.connect({
      host: u.hostname,
      port: Number(u.port || 6379),
    })
    let buffer = ""
    socket.setTimeout(5000, () => {
      socket.destroy()
      reject(new Error(`Redis at ${u.host} did not answer ${args[0]}`))
    })
    socket.on("error", reject)
    socket.on("connect", () => socket.write(payload))
    socket.on("data", (d) => {
      buffer += d.toString()
      const lines = buffer.split("\r\n").filter(Boolean)
      if (lines.length >= commands.length) {
        socket.destroy()
        const failed = lines.find((l) => l.startsWith("-"))
        if (failed) reject(new Error(`Redis ${args[0]}: ${failed}`))
        else resolve(lines[commands.length - 1])
      }
    })
  })
}

/**
 * A Redis for the tier: REDIS_URL (or localhost:6379) when one answers,
 * else a redis-server started here on a free port. Null when neither.
 * `db` picks the DB index (REDIS_DB by default), so suites keep apart.
 */
export async function acquireRedis(
  db: number = REDIS_DB
): Promise<TestRedis | null> {
  if (await redisAvailable(REDIS_URL)) {
    return {
      url: withDb(REDIS_URL, db),
      started: false,
      stop: async () => {},
    }
  }
  const binary = redisServerBinary()
  if (!binary) return null
  const port = await freePort()
  const server = spawn(
    binary,
    [
      "--port",
      String(port),
      "--save",
      "",
      "--appendonly",
      "no",
      "--daemonize",
      "no",
    ],
    { detached: true, stdio: "ignore" }
  )
  const url = `redis://localhost:${port}`
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return
    const exited = new Promise((r) => server.once("exit", r))
    server.kill("SIGTERM")
    const timer = setTimeout(() => server.kill("SIGKILL"), 5000)
    await exited
    clearTimeout(timer)
  }
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    if (await redisAvailable(url)) {
      return { url: withDb(url, db), started: true, stop }
    }
    if (server.exitCode !== null) break
    await sleep(200)
  }
  await stop()
  return null
}

/** Runs a medusa CLI command to completion; rejects with its output on failure. */
export function medusaCli(
  args: string[],
  env: NodeJS.ProcessEnv
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MEDUSA_CLI, ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    child.stdout.on("data", (d) => (output += d))
    child.stderr.on("data", (d) => (output += d))
    child.on("exit", (code) =>
      code === 0
        ? resolve(output)
        : reject(
            new Error(
              `medusa ${args.join(" ")} exited with ${code}:\n${output.slice(-4000)}`
            )
          )
    )
  })
}

/** A `medusa start` process in its own process group. */
export class MedusaProcess {
  child?: ChildProcess
  log = ""
  port = 0

  constructor(
    readonly name: string,
    private readonly env: NodeJS.ProcessEnv
  ) {}

  get baseUrl(): string {
    return `http://localhost:${this.port}`
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error(`${this.name} is not running`)
    return this.child.pid
  }

  get running(): boolean {
    return (
      !!this.child &&
      this.child.exitCode === null &&
      this.child.signalCode === null
    )
  }

  async start(): Promise<void> {
    this.port = await freePort()
    this.child = spawn(process.execPath, [MEDUSA_CLI, "start"], {
      cwd: ROOT,
      env: { ...this.env, PORT: String(this.port) },
      // Its own process group: stopping it stops whatever it started.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    })
    this.child.stdout?.on("data", (d) => (this.log += d))
    this.child.stderr?.on("data", (d) => (this.log += d))
  }

  async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(
          `${this.name} exited early (${this.child?.exitCode ?? this.child?.signalCode}):\n${this.log.slice(-4000)}`
        )
      }
      try {
        const res = await fetch(`${this.baseUrl}/health`)
        if (res.ok) return
      } catch {
        // not listening yet
      }
      await sleep(500)
    }
    throw new Error(
      `${this.name} did not answer /health in ${timeoutMs} ms:\n${this.log.slice(-4000)}`
    )
  }

  /** The pids in this process's group (Linux /proc), the leader included. */
  groupPids(): Set<number> {
    const pids = new Set<number>([this.pid])
    if (!existsSync("/proc")) return pids
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8")
        // "pid (comm) state ppid pgrp ...": comm may hold spaces.
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
        if (Number(fields[2]) === this.pid) pids.add(Number(entry))
      } catch {
        // the process ended meanwhile
      }
    }
    return pids
  }

  /** SIGTERM to the whole group, SIGKILL after 10 s; resolves once it exited. */
  async stop(): Promise<void> {
    const child = this.child
    if (!child?.pid) return
    if (this.running) {
      const exited = new Promise((r) => child.once("exit", r))
      signalGroup(child.pid, "SIGTERM")
      const timer = setTimeout(() => signalGroup(child.pid!, "SIGKILL"), 10_000)
      await exited
      clearTimeout(timer)
    }
    // Children that outlived the leader.
    signalGroup(child.pid, "SIGKILL")
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pgid, signal)
  } catch {
    // the group is gone
  }
}

/** Whether any process of the group is still alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

/** The tier's plugin options: only restock-alerts, due every 2 s. */
export const RESTOCK_ONLY_OPTIONS = {
  jobs: Object.fromEntries(
    JOB_NAMES.map((name) => [
      name,
      name === "restock-alerts"
        ? { schedule: { interval: 2000 } }
        : { enabled: false },
    ])
  ),
}

type ClusterOptions = {
  /** Names the database and seed file, and prefixes log lines. */
  name: string
  admin: { email: string; password: string }
  redisDb?: number
  /** Extra env for every process (e.g. a short lock TTL). */
  env?: Record<string, string>
  /** Extra env for the seed script (e.g. the number of subscribers). */
  seedEnv?: Record<string, string>
}

/**
 * One cluster's shared pieces: a flushed Redis DB, a fresh migrated and
 * seeded database with an admin user, a connection to read it, and the
 * Medusa processes started on it — all removed again by `teardown`, which
 * also copes with a `prepare` that failed half-way.
 */
export class TestCluster {
  redis: TestRedis | null = null
  db?: pg.Client
  seed!: MultiSeed
  topology: NodeJS.ProcessEnv = {}
  readonly procs: MedusaProcess[] = []
  private dbCreated = false
  private readonly dbName: string
  private readonly seedFile: string
  private readonly startedAt = Date.now()

  constructor(private readonly options: ClusterOptions) {
    this.dbName = `autopilot_${options.name}_${process.pid}`
    this.seedFile = path.join(
      os.tmpdir(),
      `autopilot-${options.name}-seed-${process.pid}`
    )
  }

  private dbServer() {
    return {
      host: process.env.DB_HOST!,
      port: Number(process.env.DB_PORT),
      user: process.env.DB_USERNAME!,
      password: process.env.DB_PASSWORD ?? "",
    }
  }

  elapsed(): string {
    return `${((Date.now() - this.startedAt) / 1000).toFixed(1)} s`
  }

  async prepare(): Promise<void> {
    this.redis = await acquireRedis(this.options.redisDb)
    if (!this.redis) {
      throw new Error(
        `no Redis at ${REDIS_URL} and no redis-server could be started`
      )
    }
    await redisCommand(this.redis.url, "FLUSHDB")

    await ensureDatabase(this.dbServer(), this.dbName)
    this.dbCreated = true
    const url = databaseUrl(this.dbServer(), this.dbName)
    const base: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url,
      MEDUSA_DISABLE_TELEMETRY: "true",
      NODE_ENV: "development",
      MEDUSA_ADMIN_DISABLED: "true",
      LOG_LEVEL: "error",
      AUTOPILOT_TICK_MS: "1000",
      AUTOPILOT_OPTIONS: JSON.stringify(RESTOCK_ONLY_OPTIONS),
      ...this.options.env,
    }
    // Keep the host config's other switches out of this tier.
    delete base.AUTOPILOT_TEST_LOCKING
    delete base.AUTOPILOT_SANDBOX_PSP_URL
    delete base.MEDUSA_WORKER_MODE

    // Migrations and the seed run once, without Redis.
    await medusaCli(["db:migrate"], base)
    await medusaCli(["exec", "./integration-tests/multi/seed.ts"], {
      ...base,
      MULTI_SEED_OUTPUT: this.seedFile,
      ...this.options.seedEnv,
    })
    this.seed = JSON.parse(await readFile(this.seedFile, "utf8")) as MultiSeed
    const { email, password } = this.options.admin
    await medusaCli(["user", "-e", email, "-p", password], base)

    this.db = new pg.Client({ connectionString: url })
    await this.db.connect()
    this.topology = { ...base, AUTOPILOT_TEST_REDIS_TOPOLOGY: this.redis.url }
  }

  /** Starts a Medusa process of the cluster and waits for its /health. */
  async start(
    name: string,
    mode: "server" | "worker",
    { wait = true } = {}
  ): Promise<MedusaProcess> {
    const p = new MedusaProcess(name, {
      ...this.topology,
      MEDUSA_WORKER_MODE: mode,
    })
    this.procs.push(p)
    await p.start()
    if (wait) await p.waitHealthy(180_000)
    return p
  }

  /** Whatever happened: no process left behind, no database, no Redis keys. */
  async teardown(): Promise<void> {
    for (const p of this.procs.filter((p) => p.child && !p.running)) {
      console.error(
        `[${this.options.name}] ${p.name} had exited:\n${p.log.slice(-3000)}`
      )
    }
    await Promise.all(this.procs.map((p) => p.stop()))
    for (const p of this.procs) {
      if (p.child?.pid && groupAlive(p.child.pid)) {
        throw new Error(`${p.name} (group ${p.child.pid}) is still alive`)
      }
    }
    await this.db?.end().catch(() => {})
    if (this.dbCreated) await dropDatabase(this.dbServer(), this.dbName)
    await rm(this.seedFile, { force: true })
    if (this.redis) {
      await redisCommand(this.redis.url, "FLUSHDB").catch(() => {})
      await this.redis.stop()
    }
    console.log(`[${this.options.name}] done in ${this.elapsed()}`)
  }

  /** Signs the admin in on a process; returns the bearer token. */
  async adminToken(on: MedusaProcess): Promise<string> {
    const res = await fetch(`${on.baseUrl}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(this.options.admin),
    })
    if (res.status !== 200) throw new Error(`admin login failed: ${res.status}`)
    return ((await res.json()) as { token: string }).token
  }
}

/**
 * Registers a suite that needs Redis, decided at load time like the
 * locking-redis suite: run it when a Redis answers or one can be started;
 * under CI a missing Redis is a failure, elsewhere a plainly reported skip.
 */
export function describeWithRedis(title: string, suite: () => void): void {
  if (redisAvailableSync() || redisServerBinary() !== null) {
    describe(title, suite)
  } else if (process.env.CI === "true") {
    it(`${title}: needs a Redis at ${REDIS_URL} (or redis-server) under CI`, () => {
      throw new Error(
        `no Redis answered at ${REDIS_URL} and no redis-server binary is on PATH; CI must provide one`
      )
    })
  } else {
    console.warn(
      `[autopilot tests] SKIPPED "${title}": no Redis at ${REDIS_URL} and no redis-server on PATH`
    )
    const skipped = describe.skip
    skipped(`${title} (no Redis at ${REDIS_URL})`, () => {
      it("is skipped", () => undefined)
    })
  }
}
