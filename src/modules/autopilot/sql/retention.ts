import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/**
 * What "past retention" means per table, given a cutoff date (`?`). `greatest`
 * skips nulls, so each row counts from its latest sign of life. Every table
 * here is the module's own.
 */
const RETENTION_RULES = {
  // finished: notified, unsubscribed or expired — never one still waiting
  restock_subscription: {
    table: "autopilot_restock_subscription",
    expired: `status in ('notified', 'unsubscribed', 'expired')
              and greatest(notified_at, unsubscribed_at, expired_at, updated_at) < ?`,
  },
  cart_lead: {
    table: "autopilot_cart_lead",
    expired: `greatest(archived_at, recovered_at, last_active_at, updated_at) < ?`,
  },
  // the cart jobs' own index: only carts that are gone or became orders
  cart_activity: {
    table: "autopilot_cart_activity",
    expired: `state in ('completed', 'deleted')
              and greatest(completed_at, last_active_at, updated_at) < ?`,
  },
  // reminder bookkeeping (it holds the address): once its discount code,
  // if it had one, is done (deleted or kept as an order's record)
  cart_reminder: {
    table: "autopilot_cart_reminder",
    expired: `(promotion_code is null or promotion_removed_at is not null)
              and greatest(promotion_removed_at, updated_at) < ?`,
  },
  // sends the merchant already sent again: the bookkeeping has done its job
  notification_send: {
    table: "autopilot_notification_send",
    expired: `status = 'resent' and greatest(resent_at, updated_at) < ?`,
  },
  // link tokens that can no longer be used
  token: {
    table: "autopilot_token",
    expired: `expires_at is not null and expires_at < ?`,
  },
} as const

export type RetentionKind = keyof typeof RETENTION_RULES

/**
 * Rows past their retention, oldest first, at most `limit`: deleted (and
 * their ids returned) or, with `dryRun`, only found. Deleting a restock
 * subscription also deletes the link tokens that act on it, in the same
 * transaction. Each kind's rule is a constant above; nothing here comes
 * from a request.
 */
export async function pruneExpired(
  manager: SqlEntityManager,
  kind: RetentionKind,
  cutoff: Date,
  limit: number,
  dryRun: boolean
): Promise<{ ids: string[]; tokenIds: string[] }> {
  const { table, expired } = RETENTION_RULES[kind]
  const due = `select id from ${table}
                where deleted_at is null and ${expired}
                order by created_at, id
                limit ?`
  if (dryRun) {
    const rows = await manager.execute(due, [cutoff, limit])
    return { ids: rows.map((r) => String(r.id)), tokenIds: [] }
  }
  const rows = await manager.execute(
    `delete from ${table} where id in (${due}) returning id`,
    [cutoff, limit]
  )
  const ids = rows.map((r) => String(r.id))
  let tokenIds: string[] = []
  if (kind === "restock_subscription" && ids.length) {
    const gone = await manager.execute(
      `delete from autopilot_token
        where subject_id in (${ids.map(() => "?").join(", ")})
        returning id`,
      ids
    )
    tokenIds = gone.map((r) => String(r.id))
  }
  return { ids, tokenIds }
}
