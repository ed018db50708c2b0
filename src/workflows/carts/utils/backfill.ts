import { Modules } from "@medusajs/framework/utils"
import { autopilotService } from "../../../runtime/settings"
import type { RunContext } from "../../../runtime/types"
import { readCartsForActivity, toActivityRow } from "./activity"

/** Where the one-time backfill of the cart activity table stands (`autopilot_state`). */
export const CART_BACKFILL_STATE_KEY = "cart-activity:backfill"
const LOCK_KEY = "autopilot:cart-activity-backfill"

export type CartBackfillState = {
  /** The last cart id written; the next batch starts after it. */
  cursor: string | null
  done: boolean
  /** Carts written so far. */
  recorded: number
  started_at: string
  finished_at?: string
}

export type CartBackfillResult = {
  /** The table is complete (now or from an earlier run). */
  done: boolean
  /** Carts written by this call. */
  recorded: number
}

/**
 * Brings carts that existed before the plugin (or before its cart feed)
 * into `autopilot_cart_activity`, once. Walks Medusa's carts through Query
 * in batches keyed by id (the primary key: no scan, no OFFSET), adds the
 * rows that are missing (rows the feed already keeps are left alone) and
 * remembers the last id in `autopilot_state` after each
 * batch, so a run that dies or runs out of time resumes where it stopped
 * and memory stays bounded by `batchSize`. When the walk reaches the end it
 * is marked done, and every later call is one small read.
 *
 * Called by the cart jobs before their own work; two jobs never walk at
 * once (a lock; the other one skips and tries next run). A dry run writes
 * nothing and only says whether a backfill is pending.
 */
export async function backfillCartActivity(
  ctx: Pick<RunContext, "container" | "dryRun" | "timeLeft" | "note" | "now">,
  { batchSize = 500 }: { batchSize?: number } = {}
): Promise<CartBackfillResult> {
  const service = autopilotService(ctx.container)
  const [row] = await service.listStates({ key: CART_BACKFILL_STATE_KEY })
  const state = (row?.value ?? null) as CartBackfillState | null
  if (state?.done) return { done: true, recorded: 0 }
  if (ctx.dryRun) {
    ctx.note(
      "cart activity backfill pending: carts older than the plugin are not indexed yet"
    )
    return { done: false, recorded: 0 }
  }

  const locking = ctx.container.resolve(Modules.LOCKING)
  const owner = `backfill:${process.pid}:${Math.random().toString(36).slice(2)}`
  const locked = await locking
    .acquire(LOCK_KEY, { ownerId: owner, expire: 120 })
    .then(() => true)
    .catch(() => false)
  if (!locked) return { done: false, recorded: 0 }

  try {
    let current: CartBackfillState = state ?? {
      cursor: null,
      done: false,
      recorded: 0,
      started_at: ctx.now().toISOString(),
    }
    let stateId = row?.id
    let recorded = 0
    const save = async () => {
      if (stateId) {
        await service.updateStates({ id: stateId, value: current })
      } else {
        const created = await service.createStates({
          key: CART_BACKFILL_STATE_KEY,
          value: current,
        })
        stateId = created.id
      }
    }
    while (ctx.timeLeft() > 0) {
      const carts = await readCartsForActivity(
        ctx.container,
        current.cursor ? { id: { $gt: current.cursor } } : {},
        { take: batchSize, order: { id: "ASC" } }
      )
      if (carts.length) {
        await service.upsertCartActivities(carts.map(toActivityRow), {
          onlyMissing: true,
        })
        recorded += carts.length
      }
      const finished = carts.length < batchSize
      current = {
        ...current,
        cursor: carts.length ? carts[carts.length - 1].id : current.cursor,
        recorded: current.recorded + carts.length,
        done: finished,
        ...(finished && { finished_at: ctx.now().toISOString() }),
      }
      await save()
      // keep the lock alive on long walks
      await locking
        .acquire(LOCK_KEY, { ownerId: owner, expire: 120 })
        .catch(() => undefined)
      if (finished) break
    }
    if (recorded) {
      ctx.note(
        `cart activity backfill: ${recorded} carts indexed${current.done ? " (complete)" : " (continues next run)"}`
      )
    }
    return { done: current.done, recorded }
  } finally {
    await locking.release(LOCK_KEY, { ownerId: owner }).catch(() => undefined)
  }
}
