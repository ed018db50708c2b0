import { performance } from "node:perf_hooks"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** Small helpers every bench script shares: sizes from env, timing, memory. */

export function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`)
  }
  return value
}

export function logger(bench: string): (message: string) => void {
  return (message) => console.log(`[bench ${bench}] ${message}`)
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size))
  }
  return out
}

export const secondsSince = (fromMs: number) =>
  (performance.now() - fromMs) / 1000

export const mb = (bytes: number) => bytes / 1024 / 1024

/**
 * Peak resident set size, sampled every 100 ms from `start()` on. Starts
 * with a full garbage collection when the process runs with --expose-gc
 * (`npm run bench` does), so one path's garbage does not count for the next.
 * The heap V8 grew for an earlier path may still be resident: `startMb`
 * says what the path started from.
 */
export function rssSampler() {
  let peak = 0
  let startRss = 0
  let timer: NodeJS.Timeout | undefined
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }
  return {
    start() {
      const gc = (globalThis as { gc?: () => void }).gc
      gc?.()
      startRss = process.memoryUsage().rss
      peak = 0
      sample()
      timer = setInterval(sample, 100)
      timer.unref()
    },
    startMb: () => mb(startRss),
    stopMb(): number {
      sample()
      if (timer) clearInterval(timer)
      return mb(peak)
    },
  }
}

/** The PostgreSQL server's version, for the figures' heading. */
export async function postgresVersion(
  container: MedusaContainer
): Promise<string> {
  try {
    const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const result = await pg.raw("show server_version")
    return String(result.rows?.[0]?.server_version ?? "unknown")
  } catch {
    return "unknown"
  }
}
