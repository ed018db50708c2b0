// Helpers of the multi-instance tier: a Redis for the topology, real Medusa
// processes (`medusa start`, each in its own process group) and the medusa
// CLI commands that prepare their database.
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import net from "node:net"
import path from "node:path"
import { freePort } from "../../scripts/lib/database.js"
import { REDIS_URL, redisAvailable } from "../helpers/redis"

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
