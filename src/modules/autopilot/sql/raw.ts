import { randomUUID } from "node:crypto"
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
