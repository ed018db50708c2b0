import type { RunContext } from "./types"

/** `items` in consecutive slices of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size))
  }
  return out
}

export type BatchOptions<T, C> = {
  /** Rows per batch; memory stays bounded by this, whatever the table size. */
  batchSize: number
  /** The next batch after `cursor` (null: from the start), in cursor order. */
  fetch: (cursor: C | null, limit: number) => Promise<T[]>
  /** The keyset cursor of a row, e.g. `[created_at, id]`. */
  cursorOf: (row: T) => C
  /** Total rows when known up front, for the progress bar. */
  total?: number | null
  handle: (batch: T[]) => Promise<void>
}

export type BatchResult = {
  processed: number
  batches: number
  /** The time budget ran out before the last row; the next run goes on. */
  stoppedEarly: boolean
}

/**
 * Walks a result set in keyset-paginated batches (never OFFSET, which slows
 * down and skips rows when earlier rows change), reporting progress after
 * each batch, and stops cleanly between batches when the run's time budget
 * ends. Errors thrown by `handle` propagate: per-item failures belong inside
 * `handle` (see {@link forEachItem}).
 */
export async function forEachBatch<T, C>(
  ctx: RunContext,
  options: BatchOptions<T, C>
): Promise<BatchResult> {
  let cursor: C | null = null
  let processed = 0
  let batches = 0
  await ctx.progress(0, options.total ?? null)
  while (true) {
    if (ctx.timeLeft() <= 0) {
      ctx.markStoppedEarly()
      return { processed, batches, stoppedEarly: true }
    }
    const batch = await options.fetch(cursor, options.batchSize)
    if (!batch.length) break
    await options.handle(batch)
    processed += batch.length
    batches += 1
    await ctx.progress(processed)
    if (batch.length < options.batchSize) break
    cursor = options.cursorOf(batch[batch.length - 1])
  }
  return { processed, batches, stoppedEarly: false }
}

/**
 * Runs `handle` for each item on its own: an item that throws is recorded
 * as an item failure (with its id and reason) and the rest go on. With
 * `retries` (the default), items backing off after an earlier failure or
 * given up are skipped, and an item that goes through is cleared from the
 * retry list. A job with its own retry cadence passes `retries: false`.
 */
export async function forEachItem<T>(
  ctx: RunContext,
  items: T[],
  idOf: (item: T) => string,
  handle: (item: T) => Promise<void>,
  {
    retries = true,
    concurrency = 1,
  }: {
    retries?: boolean
    /** Items handled at once (each still on its own: one failure stops none). */
    concurrency?: number
  } = {}
): Promise<void> {
  const allowed = retries
    ? await ctx.attemptable(items.map(idOf))
    : new Set(items.map(idOf))
  const one = async (item: T) => {
    const id = idOf(item)
    ctx.count("scanned")
    if (!allowed.has(id)) {
      ctx.count("skipped")
      return
    }
    let failed = false
    const failuresBefore = ctx.failuresOf(id)
    try {
      await handle(item)
    } catch (e) {
      failed = true
      ctx.fail(id, (e as Error).message || String(e))
    }
    if (retries && !failed && ctx.failuresOf(id) === failuresBefore) {
      ctx.succeeded(id)
    }
  }
  const width = Math.max(1, Math.floor(concurrency))
  for (let i = 0; i < items.length; i += width) {
    await Promise.all(items.slice(i, i + width).map(one))
  }
}

/**
 * The filter for "rows after this keyset cursor" on `(field, id)`, with an
 * optional bound on `field` (e.g. `{ $lte: now }`) kept on every branch:
 * `field > cursor OR (field = cursor AND id > cursor.id)`.
 */
export function keysetAfter<F extends string>(
  field: F,
  cursor: ({ id: string } & Record<F, unknown>) | null,
  bound: Record<string, unknown> = {}
): Record<string, unknown> {
  if (!cursor) {
    return Object.keys(bound).length ? { [field]: bound } : {}
  }
  return {
    $or: [
      { [field]: { $gt: cursor[field], ...bound } },
      { [field]: cursor[field], id: { $gt: cursor.id } },
    ],
  }
}
