import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { newId } from "./raw"

/**
 * Counts one hit in a fixed window and returns the window's count so far.
 * One atomic statement, so instances sharing the database count together.
 */
export async function hitRateLimit(
  manager: SqlEntityManager,
  key: string,
  windowStart: Date
): Promise<number> {
  const rows = await manager.execute(
    `insert into autopilot_rate_limit (id, key, window_start, count)
     values (?, ?, ?, 1)
     on conflict (key, window_start) where deleted_at is null
     do update set count = autopilot_rate_limit.count + 1, updated_at = now()
     returning count`,
    [newId("aprl"), key, windowStart]
  )
  return Number(rows[0].count)
}
