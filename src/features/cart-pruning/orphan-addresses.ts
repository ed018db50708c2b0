import { Modules } from "@medusajs/framework/utils"
import {
  CART_DELETE_INDEXES,
  presentCartIndexes,
} from "../../lib/sql/cart-indexes"
import { findOrphanCartAddresses } from "../../lib/sql/cart"
import { autopilotService } from "../../runtime/settings"
import type { RunContext } from "../../runtime/types"
import { deleteForGood } from "../../workflows/carts/utils/ids-filter"

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
/** An address younger than this may be about to get its cart (created first). */
const ORPHAN_MIN_AGE_MS = 60 * MINUTE
/** A full pass over the cart addresses at most this often. */
const ORPHAN_PASS_EVERY_MS = 7 * DAY
const ORPHAN_STATE_KEY = "cart-pruning:orphan-addresses"

/**
 * Deletes cart addresses no cart refers to, in batches, continuing a pass
 * over `cart_address` from where the last run stopped; a new pass starts at
 * most weekly. Needs the plugin's indexes on the cart's address columns
 * (without them each lookup would scan the cart table).
 */
export async function cleanOrphanAddresses(ctx: RunContext, batchSize: number) {
  const service = autopilotService(ctx.container)
  const present = await presentCartIndexes(ctx.container)
  const needed = CART_DELETE_INDEXES.filter((i) => i.table === "cart")
  if (!needed.every((i) => present.has(i.name))) {
    ctx.note(
      "orphan cart addresses not cleaned: the indexes on cart.shipping_address_id / billing_address_id are missing (add_indexes)"
    )
    return
  }
  const [state] = await service.listStates({ key: ORPHAN_STATE_KEY })
  const value = (state?.value ?? {}) as {
    after?: string | null
    pass_started_at?: string | null
    pass_finished_at?: string | null
  }
  const at = ctx.now()
  let after = value.after ?? null
  let passStartedAt = value.pass_started_at ?? null
  if (!after) {
    const last = value.pass_finished_at
      ? new Date(value.pass_finished_at).getTime()
      : 0
    if (at.getTime() - last < ORPHAN_PASS_EVERY_MS) return
    passStartedAt = at.toISOString()
  }
  const cart = ctx.container.resolve(Modules.CART)
  let finished = false
  while (ctx.timeLeft() > 0) {
    const { ids, lastId } = await findOrphanCartAddresses(ctx.container, {
      afterId: after,
      createdBefore: new Date(at.getTime() - ORPHAN_MIN_AGE_MS),
      limit: batchSize * 10,
    })
    for (const id of ids) {
      ctx.changed(
        ctx.dryRun ? "would-delete-orphan-address" : "deleted-orphan-address",
        id
      )
    }
    if (ids.length && !ctx.dryRun) {
      await deleteForGood((chunk, c) => cart.deleteAddresses(chunk, c), ids)
    }
    if (!lastId) {
      finished = true
      break
    }
    after = lastId
  }
  if (!finished) ctx.markStoppedEarly()
  if (ctx.dryRun) return
  const next = finished
    ? { after: null, pass_started_at: null, pass_finished_at: at.toISOString() }
    : { ...value, after, pass_started_at: passStartedAt }
  if (state) await service.updateStates({ id: state.id, value: next })
  else await service.createStates({ key: ORPHAN_STATE_KEY, value: next })
}
