import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible"
import { hashSubject } from "../lib/tokens"

export type Limit = { max: number; window_minutes: number }

export type LimitResult = { allowed: boolean; retryAfterSeconds: number }

/**
 * The table rate-limiter-flexible creates for its counters (key, points,
 * expire) when the shop has no Redis. The library's own table, created by it
 * on first use (`CREATE TABLE IF NOT EXISTS`); none of Medusa's tables and
 * none of the plugin module's models.
 */
export const RATE_LIMIT_TABLE = "rate_limiter_flexible_autopilot"

const KEY_PREFIX = "autopilot:rl"

type Store =
  { kind: "redis"; client: unknown } | { kind: "postgres"; client: unknown }

let store: Store | undefined
const limiters = new Map<string, Promise<RateLimiterAbstract>>()

/** The shop's Redis (projectConfig.redisUrl) when it has one, else its database. */
function storeOf(container: MedusaContainer): Store {
  if (store) return store
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as {
    projectConfig: { redisUrl?: string }
  }
  if (config.projectConfig.redisUrl) {
    try {
      // ioredis comes with Medusa's Redis modules; without it, the database counts.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Redis = require("ioredis")
      store = {
        kind: "redis",
        client: new Redis(config.projectConfig.redisUrl, {
          lazyConnect: false,
          maxRetriesPerRequest: 2,
        }),
      }
      return store
    } catch {
      // fall through to the database
    }
  }
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  store = { kind: "postgres", client: knex }
  return store
}

/**
 * One limiter per name and limit, shared by every instance through the
 * store: `max` points per `window_minutes`, the window starting at a key's
 * first hit (rate-limiter-flexible's fixed duration, not a clock-aligned
 * window). A memory limiter with the same limit answers while the store is
 * unreachable.
 */
function limiterFor(
  container: MedusaContainer,
  name: string,
  limit: Limit
): Promise<RateLimiterAbstract> {
  const duration = Math.max(1, Math.round(limit.window_minutes * 60))
  const id = `${name}:${limit.max}:${duration}`
  const cached = limiters.get(id)
  if (cached) return cached
  const s = storeOf(container)
  const common = {
    keyPrefix: `${KEY_PREFIX}:${name}`,
    points: limit.max,
    duration,
    insuranceLimiter: new RateLimiterMemory({ points: limit.max, duration }),
  }
  const created: Promise<RateLimiterAbstract> =
    s.kind === "redis"
      ? Promise.resolve(
          new RateLimiterRedis({ ...common, storeClient: s.client })
        )
      : new Promise((resolve, reject) => {
          const limiter: RateLimiterPostgres = new RateLimiterPostgres(
            {
              ...common,
              storeClient: s.client,
              storeType: "knex",
              tableName: RATE_LIMIT_TABLE,
            },
            (err?: unknown) => (err ? reject(err) : resolve(limiter))
          )
        })
  created.catch(() => limiters.delete(id))
  limiters.set(id, created)
  return created
}

function resultOf(res: RateLimiterRes | null, max: number): LimitResult {
  const consumed = res?.consumedPoints ?? 0
  return {
    allowed: consumed <= max,
    retryAfterSeconds: Math.max(1, Math.ceil((res?.msBeforeNext ?? 0) / 1000)),
  }
}

/**
 * Counts one hit of `subject` (an IP, an email; stored only as a hash)
 * against `limit`; not allowed once it is over.
 */
export async function hitLimit(
  container: MedusaContainer,
  name: string,
  subject: string,
  limit: Limit
): Promise<LimitResult> {
  const limiter = await limiterFor(container, name, limit)
  try {
    return resultOf(await limiter.consume(hashSubject(subject)), limit.max)
  } catch (e) {
    if (e instanceof RateLimiterRes) return resultOf(e, limit.max)
    throw e
  }
}

/** Whether one more hit would be allowed, without counting one. */
export async function peekLimit(
  container: MedusaContainer,
  name: string,
  subject: string,
  limit: Limit
): Promise<LimitResult> {
  const limiter = await limiterFor(container, name, limit)
  const res = await limiter.get(hashSubject(subject))
  const consumed = res?.consumedPoints ?? 0
  return {
    allowed: consumed < limit.max,
    retryAfterSeconds: Math.max(1, Math.ceil((res?.msBeforeNext ?? 0) / 1000)),
  }
}

/** Gives back one hit counted by {@link hitLimit} for work that did not happen. */
export async function refundLimit(
  container: MedusaContainer,
  name: string,
  subject: string,
  limit: Limit
): Promise<void> {
  const limiter = await limiterFor(container, name, limit)
  // Should the window have ended meanwhile, the next one starts a point up.
  await limiter.reward(hashSubject(subject), 1)
}

/**
 * The limits that count a person by their email address (the subject is
 * the address itself): what a privacy export shows and an erasure deletes.
 */
export const LIMITS_BY_EMAIL = {
  signup: "restock-signup-email",
  confirmation: "restock-confirmation",
} as const

export type LimitCounter = {
  limit: string
  points: number
  expires_at: Date | null
}

async function countersByEmail(
  container: MedusaContainer,
  email: string,
  each: (limiter: RateLimiterAbstract, key: string) => Promise<unknown>
): Promise<void> {
  for (const name of Object.values(LIMITS_BY_EMAIL)) {
    // get and delete read the store only: points and duration do not matter.
    const limiter = await limiterFor(container, name, {
      max: 1,
      window_minutes: 1,
    })
    await each(limiter, hashSubject(email))
  }
}

/** The live counters kept under an email address (by its hash). */
export async function limitCountersOf(
  container: MedusaContainer,
  email: string
): Promise<LimitCounter[]> {
  const found: LimitCounter[] = []
  await countersByEmail(container, email, async (limiter, key) => {
    const res = await limiter.get(key)
    if (res) {
      found.push({
        limit: (limiter as unknown as { keyPrefix: string }).keyPrefix,
        points: res.consumedPoints,
        expires_at:
          res.msBeforeNext >= 0
            ? new Date(Date.now() + res.msBeforeNext)
            : null,
      })
    }
  })
  return found
}

/** Deletes the counters kept under an email address; how many there were. */
export async function eraseLimitCountersOf(
  container: MedusaContainer,
  email: string
): Promise<number> {
  let erased = 0
  await countersByEmail(container, email, async (limiter, key) => {
    if (await limiter.delete(key)) erased++
  })
  return erased
}
