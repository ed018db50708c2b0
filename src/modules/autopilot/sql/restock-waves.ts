import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { newId, newTimeIds, rawRows } from "./raw"

/** A wave to start: the pair, what was available and waiting, its size. */
export type RestockWaveStart = {
  variant_id: string
  sales_channel_id: string
  /** Null: the variant is not inventory-managed. */
  available: number | null
  waiting: number
  size: number
  run_id: string | null
}

/** A subscription a wave alerts, with what its alert needs. */
export type RestockWaveMember = {
  id: string
  variant_id: string
  sales_channel_id: string
  email: string
  customer_id: string | null
  locale: string | null
  active_since: Date | null
  created_at: Date
  wave_id: string
}

/**
 * Starts many waves in two statements: inserts one wave row per pair and
 * returns the `size` longest-waiting active subscriptions of each pair
 * (oldest signup first, as the waiting index orders them) with the id of
 * their wave. The caller counts `waiting` and sizes the wave; a pair with
 * fewer active subscriptions than `size` by now gets the ones it has.
 */
export async function startRestockWaves(
  manager: SqlEntityManager,
  waves: RestockWaveStart[]
): Promise<RestockWaveMember[]> {
  if (!waves.length) return []
  const ids = waves.map(() => newId("aprw"))
  await rawRows(
    manager,
    `insert into autopilot_restock_wave
       (id, variant_id, sales_channel_id, available, waiting, size, sent, run_id)
     select w.id, w.variant_id, w.sales_channel_id, w.available, w.waiting, w.size, 0, w.run_id
       from unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::int[], ?::text[])
         as w(id, variant_id, sales_channel_id, available, waiting, size, run_id)`,
    [
      ids,
      waves.map((w) => w.variant_id),
      waves.map((w) => w.sales_channel_id),
      waves.map((w) => w.available),
      waves.map((w) => w.waiting),
      waves.map((w) => w.size),
      waves.map((w) => w.run_id),
    ]
  )
  return rawRows<RestockWaveMember>(
    manager,
    `select s.id, s.variant_id, s.sales_channel_id, s.email, s.customer_id,
            s.locale, s.active_since, s.created_at, w.id as wave_id
       from unnest(?::text[], ?::text[], ?::text[], ?::int[])
         with ordinality as w(id, variant_id, sales_channel_id, size, n)
       cross join lateral (
         select * from autopilot_restock_subscription s
          where s.variant_id = w.variant_id
            and s.sales_channel_id = w.sales_channel_id
            and s.status = 'active' and s.deleted_at is null
          order by s.created_at, s.id
          limit w.size
       ) s
      order by w.n, s.created_at, s.id`,
    [
      ids,
      waves.map((w) => w.variant_id),
      waves.map((w) => w.sales_channel_id),
      waves.map((w) => w.size),
    ]
  )
}

/**
 * Records alerts that went out, in one statement: the subscriptions become
 * `notified` (at `at`, with their wave) and each wave's `sent` grows by
 * its alerts.
 */
export async function recordRestockAlerts(
  manager: SqlEntityManager,
  at: Date,
  alerts: { id: string; wave_id: string }[]
): Promise<number> {
  if (!alerts.length) return 0
  const rows = await rawRows<{ n: number }>(
    manager,
    `with notified as (
       update autopilot_restock_subscription s
          set status = 'notified', notified_at = ?, wave_id = a.wave_id,
              updated_at = now()
         from unnest(?::text[], ?::text[]) as a(id, wave_id)
        where s.id = a.id and s.deleted_at is null
        returning s.wave_id
     ), counted as (
       update autopilot_restock_wave w
          set sent = w.sent + c.n, updated_at = now()
         from (select wave_id, count(*)::int as n from notified group by wave_id) c
        where w.id = c.wave_id
        returning c.n
     )
     select coalesce(sum(n), 0)::int as n from counted`,
    [at, alerts.map((a) => a.id), alerts.map((a) => a.wave_id)]
  )
  return rows[0]?.n ?? 0
}

/**
 * Expires up to `limit` waiting subscriptions (active or awaiting
 * confirmation) that wait since before `before`, in one statement; returns
 * their ids. With `dryRun` only finds them.
 */
export async function expireRestockSubscriptions(
  manager: SqlEntityManager,
  before: Date,
  at: Date,
  limit: number,
  dryRun: boolean
): Promise<string[]> {
  const find = `select id from autopilot_restock_subscription
                 where status in ('active', 'pending_confirmation')
                   and active_since < ? and deleted_at is null
                 order by active_since, id
                 limit ?`
  const rows = dryRun
    ? await rawRows<{ id: string }>(manager, find, [before, limit])
    : await rawRows<{ id: string }>(
        manager,
        `update autopilot_restock_subscription
            set status = 'expired', expired_at = ?, updated_at = now()
          where id in (${find} for update skip locked)
          returning id`,
        [at, before, limit]
      )
  return rows.map((r) => r.id)
}

/** A token row to insert: only its hash is kept. */
export type TokenInsert = {
  hash: string
  purpose: string
  subject_id: string
  expires_at: Date | null
}

/** Inserts many link tokens in one statement. */
export async function insertTokens(
  manager: SqlEntityManager,
  tokens: TokenInsert[]
): Promise<void> {
  if (!tokens.length) return
  await rawRows(
    manager,
    `insert into autopilot_token (id, hash, purpose, subject_id, expires_at)
     select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])`,
    [
      tokens.map(() => newId("aptok")),
      tokens.map((t) => t.hash),
      tokens.map((t) => t.purpose),
      tokens.map((t) => t.subject_id),
      tokens.map((t) => t.expires_at),
    ]
  )
}

/**
 * Queues variants for the next restock-alerts run in one statement; a
 * variant queued already (one live row per variant, the unique index)
 * keeps its row, also when another event queues it at the same moment.
 * Returns the variants queued now.
 */
export async function queueRestockVariants(
  manager: SqlEntityManager,
  variantIds: string[],
  reason: string | null
): Promise<string[]> {
  if (!variantIds.length) return []
  const rows = await rawRows<{ variant_id: string }>(
    manager,
    `insert into autopilot_restock_queue (id, variant_id, reason)
     select q.id, q.variant_id, ? from unnest(?::text[], ?::text[]) as q(id, variant_id)
     on conflict (variant_id) where deleted_at is null do nothing
     returning variant_id`,
    [reason, newTimeIds("aprq", variantIds.length), variantIds]
  )
  return rows.map((r) => r.variant_id)
}

/** Shoppers waiting (active subscriptions) per variant and sales channel. */
export type RestockWaiting = {
  variant_id: string
  sales_channel_id: string
  waiting: number
}

/**
 * How many shoppers wait per (variant, channel) for these variants, in
 * one grouped statement on the waiting index; pairs nobody waits for are
 * left out.
 */
export async function restockWaiting(
  manager: SqlEntityManager,
  variantIds: string[]
): Promise<RestockWaiting[]> {
  if (!variantIds.length) return []
  return rawRows<RestockWaiting>(
    manager,
    `select variant_id, sales_channel_id, count(*)::int as waiting
       from autopilot_restock_subscription
      where variant_id = any(?) and status = 'active' and deleted_at is null
      group by variant_id, sales_channel_id`,
    [variantIds]
  )
}
