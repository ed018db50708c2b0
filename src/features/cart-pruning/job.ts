import type { JobOptions } from "../../catalog/jobs"
import { enforceRetention } from "./retention"
import { cleanUpDiscountCodes } from "./promotions"
import { cleanOrphanAddresses } from "./orphan-addresses"
import { withTimeBudget } from "./time-budget"
import { ensureCartIndexes } from "../../lib/sql/cart-indexes"
import type {
  PruneCandidateRow,
  PruneClass,
} from "../../modules/autopilot/service"
import { chunks, forEachBatch, forEachItem } from "../../runtime/batching"
import { databaseNowMs } from "../../lib/sql/cart"
import { isLead } from "../../shared/cart-lead"
import { autopilotService } from "../../runtime/settings"
import type { JobHandler, RunContext } from "../../runtime/types"
import {
  type CartFacts,
  classOf,
  decide,
  KEPT_CHANGED,
  keptAction,
  lifetimeMs,
  loadCartFacts,
  PRUNE_CLASSES,
  prunableOf,
} from "./candidates"
import { backfillCartActivity } from "../../workflows/carts/utils/backfill"
import {
  type PrunableCart,
  pruneCartsInput,
  pruneCartsWorkflow,
} from "../../workflows/carts/workflows/prune-carts"
import { lockCarts } from "../../workflows/carts/utils/cart-lock"

export type CartPruningOptions = JobOptions<"cart-pruning">

const MINUTE = 60_000

type Candidate = PruneCandidateRow & { cls: PruneClass }
type Cursor = { cls: number; last_active_at: Date; id: string }

/** The lifetime classes as the run's note names them. */
const CLASS_WORDS: Record<PruneClass, string> = {
  empty: "empty",
  anonymous: "anonymous",
  customer: "with an email or customer",
}

/** What a batch's run tallies across batches. */
type Tally = { changed: number }

function recordPruned(ctx: RunContext, carts: CartFacts[]) {
  for (const c of carts) {
    ctx.changed(`pruned-${classOf(c)}`, c.id)
    if (isLead(c)) ctx.changed("archived-lead", c.id)
  }
}

function recordChanged(ctx: RunContext, ids: string[], tally: Tally) {
  for (const id of ids) {
    ctx.count("skipped")
    ctx.changed(KEPT_CHANGED, id)
  }
  tally.changed += ids.length
}

/**
 * One cart retried on its own after its batch's delete failed: under its
 * lock, read again and decided again (it may have changed since), then
 * deleted if it still qualifies. A cart already gone (deleted by the batch
 * before it failed, or elsewhere) has what is left of it tidied (addresses,
 * the activity row) and counts as pruned. Its credit lines are looked up
 * again by the workflow (one may appear after the read).
 */
async function pruneAlone(
  ctx: RunContext,
  lifetimes: CartPruningOptions["lifetimes"],
  planned: CartFacts,
  tally: Tally
) {
  const locks = await lockCarts(ctx.container, [planned.id])
  let pruned: CartFacts | null = null
  try {
    if (!locks.held.has(planned.id))
      return recordChanged(ctx, [planned.id], tally)
    const now = (
      await loadCartFacts(ctx.container, [
        { cart_id: planned.id, last_active_at: planned.last_active_at },
      ])
    ).get(planned.id)
    let input: PrunableCart
    if (!now) {
      pruned = planned
      input = {
        ...prunableOf(planned),
        archive_lead: false,
        has_credit_lines: false,
        payment_collection_ids: [],
      }
    } else if (decide(now, ctx.now(), lifetimes).kind === "prune") {
      pruned = now
      input = { ...prunableOf(now), has_credit_lines: true }
    } else {
      return recordChanged(ctx, [planned.id], tally)
    }
    await pruneCartsWorkflow(ctx.container).run({
      input: pruneCartsInput([input]),
    })
  } finally {
    await locks.release()
  }
  recordPruned(ctx, [pruned])
}

/**
 * One batch of candidates from the activity table (the plan). Takes the
 * lock Medusa's cart workflows take for each cart (the cart id, see
 * `lockCarts`), reads the held carts once, under their locks, and runs the
 * safety rule (`decide`) on what they are now; the carts that pass are
 * deleted by `prune-carts` while the locks are held, so no cart workflow
 * can change one between the check and the delete. A cart a cart workflow
 * holds right now, or whose order, payment or activity appeared after the
 * batch was planned, is kept as it is and counted as skipped
 * (`kept-changed-since-planned`). Activity rows that were out of date
 * (carts deleted elsewhere, completed, or active again) are corrected, so
 * the next scan does not look at them again before their time. When the
 * delete fails as a whole, each cart is tried on its own
 * ({@link pruneAlone}), so one bad cart costs only itself (an item failure).
 */
async function handleCandidates(
  ctx: RunContext,
  options: CartPruningOptions,
  batch: Candidate[],
  hooks: CartPruningHooks,
  tally: Tally
) {
  for (let i = 0; i < batch.length; i++) ctx.count("scanned")
  if (ctx.dryRun) return planDry(ctx, options, batch)

  const service = autopilotService(ctx.container)
  const plannedAtMs = await databaseNowMs(ctx.container)
  if (hooks.afterPlan) await hooks.afterPlan(batch.map((r) => r.cart_id))

  const gone: string[] = []
  const completed: string[] = []
  const young: { id: string; facts: CartFacts }[] = []
  const changed: string[] = []
  const prune: CartFacts[] = []
  let failure: unknown = null

  const locks = await lockCarts(
    ctx.container,
    batch.map((r) => r.cart_id)
  )
  try {
    const facts = await loadCartFacts(
      ctx.container,
      batch.filter((r) => locks.held.has(r.cart_id))
    )
    const at = ctx.now()
    for (const row of batch) {
      if (!locks.held.has(row.cart_id)) {
        changed.push(row.cart_id)
        continue
      }
      const cart = facts.get(row.cart_id)
      if (!cart) {
        gone.push(row.cart_id)
        continue
      }
      const decision = decide(cart, at, options.lifetimes)
      if (decision.kind === "prune") {
        prune.push(cart)
        continue
      }
      const action = keptAction(decision, cart, plannedAtMs)
      if (action === KEPT_CHANGED) changed.push(cart.id)
      else {
        ctx.count("skipped")
        if (action) ctx.changed(action, cart.id)
      }
      if (decision.kind === "completed") completed.push(cart.id)
      else if (decision.kind === "young") {
        young.push({ id: row.id, facts: cart })
      }
    }
    if (prune.length) {
      try {
        await pruneCartsWorkflow(ctx.container).run({
          input: pruneCartsInput(prune.map(prunableOf)),
        })
      } catch (e) {
        failure = e
      }
    }
  } finally {
    await locks.release()
  }

  recordChanged(ctx, changed, tally)
  // The feed missed something: the activity rows catch up.
  if (gone.length) await service.setCartActivityState(gone, "deleted")
  if (completed.length) {
    await service.setCartActivityState(completed, "completed")
  }
  if (young.length) {
    await service.updateCartActivities(
      young.map(({ id, facts: f }) => ({
        id,
        last_active_at: f.last_active_at,
        item_count: f.item_count,
        email: f.email?.toLowerCase() ?? null,
        customer_id: f.customer_id,
      }))
    )
  }
  if (!prune.length) return
  if (!failure) return recordPruned(ctx, prune)
  await forEachItem(
    ctx,
    prune,
    (c) => c.id,
    (c) => pruneAlone(ctx, options.lifetimes, c, tally),
    { retries: false }
  )
}

/** A dry run's batch: what would go, read without locks; nothing changes. */
async function planDry(
  ctx: RunContext,
  options: CartPruningOptions,
  batch: Candidate[]
) {
  const facts = await loadCartFacts(ctx.container, batch)
  const at = ctx.now()
  for (const row of batch) {
    const cart = facts.get(row.cart_id)
    if (!cart) continue
    const decision = decide(cart, at, options.lifetimes)
    if (decision.kind !== "prune") {
      ctx.count("skipped")
      if (decision.kind === "live_payment") {
        ctx.changed("kept-live-payment", cart.id)
      }
      continue
    }
    ctx.changed(`would-prune-${classOf(cart)}`, cart.id)
    if (isLead(cart)) ctx.changed("would-archive-lead", cart.id)
  }
}

/** Fills a batch from the classes in order, continuing after the cursor. */
async function fetchCandidates(
  ctx: RunContext,
  before: Record<PruneClass, Date>,
  cursor: Cursor | null,
  limit: number
): Promise<Candidate[]> {
  const service = autopilotService(ctx.container)
  const out: Candidate[] = []
  for (let i = cursor?.cls ?? 0; i < PRUNE_CLASSES.length; i++) {
    const cls = PRUNE_CLASSES[i]
    const rows = await service.listPruneCandidates({
      lifetimeClass: cls,
      before: before[cls],
      after:
        cursor && cursor.cls === i
          ? { last_active_at: cursor.last_active_at, id: cursor.id }
          : null,
      limit: limit - out.length,
    })
    for (const row of rows) out.push(Object.assign(row, { cls }))
    if (out.length >= limit) break
  }
  return out
}

/**
 * One run of `cart-pruning`.
 *
 * Candidates come from the plugin's activity table (never a scan of
 * Medusa's `cart` table): open carts past their class's lifetime — empty
 * (no items), anonymous (no email, no customer), customer (email or
 * customer). Each batch's carts are locked with the lock Medusa's cart
 * workflows take, read once under those locks (one read-only statement),
 * and a cart is deleted, still under its lock, only if, as it is now, it
 * has no order and is not completed, has no payment collection with a
 * payment or a session other than canceled or errored, and has been
 * untouched for its class's lifetime. One that a cart workflow holds, or
 * that changed after the batch was planned (a shopper started paying or
 * checked out), is kept, counted as skipped
 * (`kept-changed-since-planned`). A cart with an email or customer
 * is archived as a lead first. Complete removal: see `prune-carts`.
 *
 * Bounded: keyset batches of `batch_size`; stops starting new batches after
 * `time_budget_minutes`, and the next run goes on where this one stopped
 * (what was pruned is no longer a candidate). A dry run counts per class
 * what would go and changes nothing.
 */
export const cartPruningJob: JobHandler<CartPruningOptions> = (run) =>
  runCartPruning(run, {})

/**
 * Test seam: the job with hooks into its run. Only tests use it (through
 * `overrideJobHandler`); the registered job is {@link cartPruningJob}.
 */
export type CartPruningHooks = {
  /**
   * Called with the cart ids of a batch of candidates once the batch is
   * planned, before their locks are taken and they are read: a test changes
   * carts here, as a shopper could during the run.
   */
  afterPlan?: (cartIds: string[]) => Promise<void>
}

export function cartPruningJobWith(
  hooks: CartPruningHooks
): JobHandler<CartPruningOptions> {
  return (run) => runCartPruning(run, hooks)
}

async function runCartPruning(
  run: RunContext<CartPruningOptions>,
  hooks: CartPruningHooks
): Promise<void> {
  const options = run.options
  const ctx = withTimeBudget(run, options.time_budget_minutes * MINUTE)
  const service = autopilotService(ctx.container)

  // Carts older than the plugin become candidates once they are indexed.
  await backfillCartActivity(ctx, { batchSize: options.batch_size })

  if (options.add_indexes && !ctx.dryRun) {
    const created = await ensureCartIndexes(ctx.container)
    if (created.length) ctx.note(`created indexes: ${created.join(", ")}`)
  }

  const at = ctx.now().getTime()
  const before = Object.fromEntries(
    PRUNE_CLASSES.map((cls) => [
      cls,
      new Date(at - lifetimeMs(cls, options.lifetimes)),
    ])
  ) as Record<PruneClass, Date>
  const counts = await Promise.all(
    PRUNE_CLASSES.map((cls) => service.countPruneCandidates(cls, before[cls]))
  )
  ctx.note(
    `Carts past their lifetime: ${PRUNE_CLASSES.map((cls, i) => `${counts[i]} ${CLASS_WORDS[cls]}`).join(", ")}`
  )

  const tally: Tally = { changed: 0 }
  const result = await forEachBatch<Candidate, Cursor>(ctx, {
    batchSize: options.batch_size * options.concurrency,
    total: counts.reduce((a, b) => a + b, 0),
    cursorOf: (row) => ({
      cls: PRUNE_CLASSES.indexOf(row.cls),
      last_active_at: row.last_active_at,
      id: row.id,
    }),
    fetch: (cursor, limit) => fetchCandidates(ctx, before, cursor, limit),
    // `concurrency` batches are read as one and deleted side by side.
    handle: async (rows) => {
      await Promise.all(
        chunks(rows, options.batch_size).map((batch) =>
          handleCandidates(ctx, options, batch, hooks, tally)
        )
      )
    },
  })

  if (tally.changed) {
    ctx.note(
      `Kept ${tally.changed} ${tally.changed === 1 ? "cart" : "carts"} changed since they were planned for deletion`
    )
  }

  if (options.clean_orphan_addresses && !result.stoppedEarly) {
    await cleanOrphanAddresses(ctx, options.batch_size)
  }

  // Reminder discount codes that expired unused or whose cart ordered
  // without them; before retention, which keeps a reminder row until its
  // code is done.
  await cleanUpDiscountCodes(ctx)
  // The plugin's own personal data past its retention (leads, finished
  // subscriptions, reminders, tokens), in the time this run has left.
  await enforceRetention(ctx)
}
