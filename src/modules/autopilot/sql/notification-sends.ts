import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { newId, rawRows } from "./raw"

/** A "sending" record: a message handed to Medusa, not yet answered. */
export type NotificationSendInsert = {
  idempotency_key: string
  name: string
  job_name: string | null
  run_id: string | null
  item_id: string
  started_at: Date
}

/**
 * Writes the "sending" records of a batch in one statement; a key that has
 * a record already (another process, an earlier run) keeps it.
 */
export async function insertNotificationSends(
  manager: SqlEntityManager,
  rows: NotificationSendInsert[]
): Promise<void> {
  if (!rows.length) return
  await rawRows(
    manager,
    `insert into autopilot_notification_send
       (id, idempotency_key, name, job_name, run_id, item_id, status, started_at)
     select id, key, name, job_name, run_id, item_id, 'sending', started_at
       from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
         as r(id, key, name, job_name, run_id, item_id, started_at)
     on conflict (idempotency_key) where deleted_at is null do nothing`,
    [
      rows.map(() => newId("apsend")),
      rows.map((r) => r.idempotency_key),
      rows.map((r) => r.name),
      rows.map((r) => r.job_name),
      rows.map((r) => r.run_id),
      rows.map((r) => r.item_id),
      rows.map((r) => r.started_at),
    ]
  )
}

/** Drops the "sending" records of these keys (Medusa answered), in one statement. */
export async function deleteSendingRecords(
  manager: SqlEntityManager,
  keys: string[]
): Promise<void> {
  if (!keys.length) return
  await rawRows(
    manager,
    `delete from autopilot_notification_send
      where idempotency_key = any(?) and status = 'sending'`,
    [keys]
  )
}
