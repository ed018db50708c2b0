import { execFileSync } from "node:child_process"
import net from "node:net"

export const REDIS_URL = process.env.REDIS_URL || "redis://localhost:6379"

/** Whether a Redis answers PING at REDIS_URL (or localhost:6379). */
export function redisAvailable(
  url = REDIS_URL,
  timeoutMs = 1500
): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.on("error", () => done(false))
    socket.on("connect", () => socket.write("PING\r\n"))
    socket.on("data", (d) => done(d.toString().startsWith("+PONG")))
  })
}

/** The same check, synchronously, for deciding at load time which suites to register. */
export function redisAvailableSync(url = REDIS_URL): boolean {
  try {
    execFileSync(
      process.execPath,
      [
        "-e",
        `const net=require("net");const u=new URL(${JSON.stringify(url)});` +
          `const s=net.connect({host:u.hostname,port:Number(u.port||6379)});` +
          `s.setTimeout(1500,()=>process.exit(1));s.on("error",()=>process.exit(1));` +
          `s.on("connect",()=>s.write("PING\\r\\n"));` +
          `s.on("data",d=>process.exit(d.toString().startsWith("+PONG")?0:1));`,
      ],
      { stdio: "ignore", timeout: 5000 }
    )
    return true
  } catch {
    return false
  }
}
