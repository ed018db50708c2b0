import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { hashSubject } from "../lib/tokens"
import { now } from "./clock"
import { autopilotService } from "./settings"

export type Limit = { max: number; window_minutes: number }

export type LimitResult = { allowed: boolean; retryAfterSeconds: number }

type RedisPipeline = {
  incr(key: string): RedisPipeline
  pexpire(key: string, ms: number): RedisPipeline
  exec(): Promise<[Error | null, unknown][] | null>
}

type RedisLike = { multi(): RedisPipeline }

let redis: RedisLike | null | undefined

/** The shop's Redis (projectConfig.redisUrl) when it has one, else null. */
function redisClient(container: MedusaContainer): RedisLike | null {
  if (redis !== undefined) return redis
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as {
    projectConfig: { redisUrl?: string }
  }
  redis = null
  if (config.projectConfig.redisUrl) {
    try {
      // ioredis comes with Medusa's Redis modules; without it, the database counts.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Redis = require("ioredis")
      redis = new Redis(config.projectConfig.redisUrl, {
        lazyConnect: false,
        maxRetriesPerRequest: 2,
      }) as RedisLike
    } catch {
      redis = null
    }
  }
  return redis
}

/**
 * Counts one request against a fixed-window limit shared by every instance:
 * in Redis when the shop has it, otherwise in the plugin's table. The
 * subject (an IP, an email) is stored only as a hash.
 */
export async function hitLimit(
  container: MedusaContainer,
  name: string,
  subject: string,
  limit: Limit
): Promise<LimitResult> {
  const windowMs = limit.window_minutes * 60_000
  const t = now().getTime()
  const windowStart = Math.floor(t / windowMs) * windowMs
  const key = `autopilot:rl:${name}:${hashSubject(subject)}:${windowStart}`
  let count: number
  const client = redisClient(container)
  if (client) {
    const result = await client.multi().incr(key).pexpire(key, windowMs).exec()
    count = Number(result?.[0]?.[1] ?? 0)
  } else {
    count = await autopilotService(container).hitRateLimit(
      `${name}:${hashSubject(subject)}`,
      new Date(windowStart)
    )
  }
  return {
    allowed: count <= limit.max,
    retryAfterSeconds: Math.max(
      1,
      Math.ceil((windowStart + windowMs - t) / 1000)
    ),
  }
}
