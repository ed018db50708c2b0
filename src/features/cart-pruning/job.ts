import type { JobOptions } from "../../catalog/jobs"
import { enforceRetention } from "./retention"
import { cleanOrphanAddresses } from "./orphan-addresses"
import { ensureCartIndexes } from "../../lib/sql/cart-indexes"
import type {
  PruneCandidateRow,
  PruneClass,
} from "../../modules/autopilot/service"
import { chunks, forEachBatch, forEachItem } from "../../runtime/batching"
import { isLead } from "../../shared/cart-lead"
import { autopilotService } from "../../runtime/settings"
import type { JobHandler, RunContext } from "../../runtime/types"
import {
  type CartFacts,
  classOf,
  decide,
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

/**
 * A view of the run with the job's own time budget (`time_budget_minutes`)
 * on top of the runtime's.
 */
export function withTimeBudget(ctx: RunContext, budgetMs: number): RunContext {
  const deadline = ctx.now().getTime() + budgetMs
  const timeLeft = () =>
    Math.max(0, Math.min(ctx.timeLeft(), deadline - ctx.now().getTime()))
  // Bound once per method: the job calls `count` and `changed` per cart.
  const bound = new Map<PropertyKey, unknown>()
  return new Proxy(ctx, {
    get(target, prop) {
      if (prop === "timeLeft") return timeLeft
      const value = Reflect.get(target, prop, target)
      if (typeof value !== "function") return value
      if (!bound.has(prop)) bound.set(prop, value.bind(target))
      return bound.get(prop)
    },
  })
}

/** The summary action of a cart kept because it changed after the plan. */
export const KEPT_CHANGED = "kept-changed-since-planned"

/** The lifetime classes as the run's note names them. */
const CLASS_WORDS: Record<PruneClass, string> = {
  empty: "empty",
  anonymous: "anonymous",
  customer: "with an email or customer",
}

/** What one locked re-check and delete did. */
type Outcome = { pruned: CartFacts[]; changed: string[] }

/**
 * Deletes planned carts that still qualify, under their cart locks: takes
 * the lock Medusa's cart workflows take (the cart id, see `lockCarts`),
 * reads each held cart again and runs the same rule (`decide`) on what it
 * is now; only carts still to prune go to `prune-carts`, in the lock. A cart
 * that changed since the plan (an order, a live payment session, newer
 * activity) or that a cart workflow holds right now is left as it is. A
 * cart already gone (deleted by this batch before it failed, or elsewhere)
 * has what is left of it tidied (addresses, activity row) and counts as
 * pruned, as before the re-check.
 * `alone`: one cart retried on its own after its batch failed; its credit
 * lines are looked up again by the workflow (one may appear after the read).
 */
async function pruneLocked(
  ctx: RunContext,
  lifetimes: CartPruningOptions["lifetimes"],
  planned: CartFacts[],
  alone = false
): Promise<Outcome> {
  const locks = await lockCarts(
    ctx.container,
    planned.map((c) => c.id)
  )
  try {
    // The activity row's time is the newest of the cart's and its items'
    // `updated_at` (see `toActivityRow`), which this read sees first hand:
    // the planned time is a floor, the row itself need not be read again.
    const fresh = await loadCartFacts(
      ctx.container,
      planned
        .filter((c) => locks.held.has(c.id))
        .map((c) => ({ cart_id: c.id, last_active_at: c.last_active_at }))
    )
    const at = ctx.now()
    const pruned: CartFacts[] = []
    const changed: string[] = []
    const input: PrunableCart[] = []
    for (const c of planned) {
      const now = fresh.get(c.id)
      if (!locks.held.has(c.id)) {
        changed.push(c.id)
      } else if (!now) {
        // Gone since the plan: most often deleted by this batch before it
        // failed. What the workflow left (addresses, the activity row) is
        // tidied; its payment collections are not touched.
        pruned.push(c)
        input.push({
          ...prunableOf(c),
          archive_lead: false,
          has_credit_lines: false,
          payment_collection_ids: [],
        })
      } else if (decide(now, at, lifetimes).kind === "prune") {
        pruned.push(now)
        input.push({
          ...prunableOf(now),
          has_credit_lines: alone || now.has_credit_lines,
        })
      } else {
        changed.push(c.id)
      }
    }
    if (input.length) {
      await pruneCartsWorkflow(ctx.container).run({
        input: pruneCartsInput(input),
      })
    }
    return { pruned, changed }
  } finally {
    await locks.release()
  }
}

/**
 * Deletes one planned batch, each cart re-checked under its lock (see
 * `pruneLocked`); when the batch as a whole fails, each cart is re-checked
 * and tried on its own, so one bad cart costs only itself (an item
 * failure). Kept carts count as `skipped` with the action
 * {@link KEPT_CHANGED}.
 */
async function pruneBatch(
  ctx: RunContext,
  lifetimes: CartPruningOptions["lifetimes"],
  carts: CartFacts[],
  hooks: CartPruningHooks,
  tally: { changed: number }
) {
  if (hooks.afterPlan) await hooks.afterPlan(carts.map((c) => c.id))
  const record = ({ pruned, changed }: Outcome) => {
    for (const c of pruned) {
      ctx.changed(`pruned-${classOf(c)}`, c.id)
      if (isLead(c)) ctx.changed("archived-lead", c.id)
    }
    for (const id of changed) {
      ctx.count("skipped")
      ctx.changed(KEPT_CHANGED, id)
    }
    tally.changed += changed.length
  }
  try {
    record(await pruneLocked(ctx, lifetimes, carts))
  } catch {
    await forEachItem(
      ctx,
      carts,
      (c) => c.id,
      async (c) => record(await pruneLocked(ctx, lifetimes, [c], true)),
      { retries: false }
    )
  }
}

/**
 * Checks a batch of candidates against the carts as they are now and prunes
 * those that pass; corrects activity rows that were out of date.
 */
async function handleCandidates(
  ctx: RunContext,
  options: CartPruningOptions,
  batch: Candidate[],
  hooks: CartPruningHooks,
  tally: { changed: number }
) {
  const service = autopilotService(ctx.container)
  const facts = await loadCartFacts(ctx.container, batch)
  const at = ctx.now()
  const gone: string[] = []
  const completed: string[] = []
  const young: { id: string; facts: CartFacts }[] = []
  const prune: CartFacts[] = []
  for (const row of batch) {
    ctx.count("scanned")
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
    ctx.count("skipped")
    if (decision.kind === "completed") completed.push(cart.id)
    else if (decision.kind === "young") young.push({ id: row.id, facts: cart })
    else ctx.changed("kept-live-payment", cart.id)
  }
  if (ctx.dryRun) {
    for (const cart of prune) {
      ctx.changed(`would-prune-${classOf(cart)}`, cart.id)
      if (isLead(cart)) ctx.changed("would-archive-lead", cart.id)
    }
    return
  }
  // The feed missed something: the activity rows catch up, so the next
  // scan does not look at these carts again before their time.
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
  if (prune.length) {
    await pruneBatch(ctx, options.lifetimes, prune, hooks, tally)
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
 * customer). Each batch is then re-read through Query and a cart is deleted
 * only if, as it is now, it has no order and is not completed, has no
 * payment collection with a payment or a session other than canceled or
 * errored, and has been untouched for its class's lifetime. Right before
 * the delete, under the cart locks Medusa's cart workflows use, the carts
 * that passed are read again and checked by the same rule: one that changed
 * in between (a shopper started paying or checked out) is kept, counted as
 * skipped (`kept-changed-since-planned`). A cart with an email or customer
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
   * Called with the ids of a batch's carts that passed the plan's checks,
   * before they are deleted: a test changes carts here, as a shopper could.
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

  const tally = { changed: 0 }
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

  // The plugin's own personal data past its retention (leads, finished
  // subscriptions, tokens), in the time this run has left.
  await enforceRetention(ctx)
}
