import { type ChildProcess, spawn } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import net from "node:net"
import path from "node:path"

/** A `medusa start` process (in its own process group) a bench sends requests to. */

export const ROOT = path.resolve(__dirname, "..", "..")
const MEDUSA_CLI = path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js")

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A TCP port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export class MedusaServer {
  child?: ChildProcess
  port = 0
  log = ""

  constructor(
    readonly name: string,
    /** The shop's directory: where its medusa-config is. */
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv
  ) {}

  get baseUrl(): string {
    return `http://localhost:${this.port}`
  }

  /** Starts `medusa start` and resolves once /health answers. */
  async start(timeoutMs = 180_000): Promise<void> {
    this.port = await freePort()
    this.log = ""
    // BENCH_SERVER_NODE_FLAGS: Node flags for the server, e.g.
    // "--cpu-prof --cpu-prof-dir=/tmp/prof" (written when it stops).
    const flags = (process.env.BENCH_SERVER_NODE_FLAGS ?? "")
      .split(" ")
      .filter(Boolean)
    const child = spawn(process.execPath, [...flags, MEDUSA_CLI, "start"], {
      cwd: this.cwd,
      env: { ...this.env, PORT: String(this.port) },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    })
    this.child = child
    const keep = (d: Buffer) => {
      this.log = (this.log + d.toString()).slice(-20_000)
    }
    child.stdout?.on("data", keep)
    child.stderr?.on("data", keep)
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.name} exited early:\n${this.log.slice(-4000)}`)
      }
      try {
        if ((await fetch(`${this.baseUrl}/health`)).ok) return
      } catch {
        // not listening yet
      }
      await sleep(500)
    }
    await this.stop()
    throw new Error(`${this.name} did not start:\n${this.log.slice(-4000)}`)
  }

  /**
   * CPU time (user + system, ms) of the server's process group so far, from
   * /proc/<pid>/stat: the server and anything it started.
   */
  cpuMs(): number {
    const leader = this.child?.pid
    if (!leader) throw new Error(`${this.name} is not running`)
    const hz = 100 // USER_HZ: clock ticks per second on Linux
    let ticks = 0
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8")
        // "pid (comm) state ppid pgrp ... utime stime": comm may hold spaces
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
        if (Number(entry) !== leader && Number(fields[2]) !== leader) continue
        ticks += Number(fields[11]) + Number(fields[12])
      } catch {
        // the process ended meanwhile
      }
    }
    return (ticks * 1000) / hz
  }

  /** Resident memory of the server process now, in MB (/proc/<pid>/status). */
  rssMb(): number {
    const pid = this.child?.pid
    if (!pid) throw new Error(`${this.name} is not running`)
    const status = readFileSync(`/proc/${pid}/status`, "utf8")
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return Math.round(kb / 1024)
  }

  /** SIGTERM to the group, SIGKILL after 10 s; resolves once it exited. */
  async stop(): Promise<void> {
    const child = this.child
    if (!child?.pid) return
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r))
      const signal = (s: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, s)
        } catch {
          // already gone
        }
      }
      signal("SIGTERM")
      const timer = setTimeout(() => signal("SIGKILL"), 10_000)
      await exited
      clearTimeout(timer)
    }
    this.child = undefined
  }
}

/** Whether this machine has /proc (the CPU figures need it). */
export const hasProc = () => existsSync("/proc/self/stat")
