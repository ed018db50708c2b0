import { randomBytes, randomUUID } from "node:crypto"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/**
 * Runs a statement with `?` bindings passed to PostgreSQL as parameters, in
 * the manager's transaction if it has one. `manager.execute` inlines every
 * binding into the SQL text instead, quoting each value in JavaScript: for
 * the pruning job's lists of 2,000 ids that was a tenth of all it allocated
 * (quoteValue in a heap profile). Arrays go as PostgreSQL arrays (`= any(?)`).
 */
export async function rawRows<T>(
  manager: SqlEntityManager,
  sql: string,
  bindings: unknown[]
): Promise<T[]> {
  const knex = manager.getTransactionContext() ?? manager.getKnex()
  const result = await knex.raw(sql, bindings as never[])
  return result.rows as T[]
}

/** A new row id with the model's prefix, as `model.id({ prefix })` makes them. */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, "")}`
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/** `chars` Crockford base32 characters of `value` (at most 2^53), last digit last. */
function base32(value: number, chars: number): string {
  let out = ""
  for (let i = 0; i < chars; i++) {
    out = CROCKFORD[value % 32] + out
    value = Math.floor(value / 32)
  }
  return out
}

/**
 * `count` new row ids with the model's prefix in the shape `model.id({
 * prefix })` gives them, `<prefix>_<ULID>`: 10 characters of time, so ids
 * sort by creation time (a keyset over ids meets rows in the order they
 * came), then 80 random bits. One `randomBytes` call for the whole batch.
 */
export function newTimeIds(
  prefix: string,
  count: number,
  at: number = Date.now()
): string[] {
  const time = base32(Math.max(0, Math.floor(at)), 10)
  const random = randomBytes(count * 10)
  const ids: string[] = []
  for (let n = 0; n < count; n++) {
    let id = `${prefix}_${time}`
    // 80 random bits as two 40-bit halves, 8 characters each.
    for (let half = 0; half < 2; half++) {
      const o = n * 10 + half * 5
      const value =
        random[o] * 2 ** 32 +
        random[o + 1] * 2 ** 24 +
        random[o + 2] * 2 ** 16 +
        random[o + 3] * 2 ** 8 +
        random[o + 4]
      id += base32(value, 8)
    }
    ids.push(id)
  }
  return ids
}
