import { autopilotService } from "../../runtime/settings"
import type { RunContext } from "../../runtime/types"
import { pruneInBatches } from "../../workflows/privacy/contributors/prune"
import { PRIVACY_CONTRIBUTORS } from "../../workflows/privacy/contributors"

/** Link tokens are kept a day past their expiry, then deleted. */
const TOKEN_GRACE_MS = 86_400_000
/** A send the merchant sent again is kept for 30 days, then its bookkeeping row goes. */
const RESENT_KEPT_MS = 30 * 86_400_000

const BATCH_SIZE = 500

/**
 * Deletes the personal data the plugin no longer needs, per the
 * `retention` option: leads and finished cart rows after `leads_days`,
 * finished restock subscriptions (and their link tokens) after
 * `subscriptions_days`, and expired link tokens. Batched, within the run's
 * time budget; what is left is deleted by the next run. Each deleted row is
 * recorded as a `retention:<table>` action of the run. A dry run deletes
 * nothing and reports the first batch of each kind.
 *
 * Called by the `cart-pruning` job's handler.
 *
 * @example
 * const handler: JobHandler = async (ctx) => { await pruneCarts(ctx); await enforceRetention(ctx) }
 */
export async function enforceRetention(ctx: RunContext): Promise<void> {
  const { retention } = await autopilotService(ctx.container).getOptions()
  const rctx = {
    container: ctx.container,
    now: ctx.now(),
    retention,
    dryRun: ctx.dryRun,
    batchSize: BATCH_SIZE,
    timeLeft: () => ctx.timeLeft(),
    deleted: (table: string, id: string) =>
      ctx.changed(`retention:${table}`, id),
  }
  for (const contributor of PRIVACY_CONTRIBUTORS) {
    if (contributor.retain) await contributor.retain(rctx)
  }
  await pruneInBatches(
    rctx,
    "token",
    "autopilot_token",
    new Date(rctx.now.getTime() - TOKEN_GRACE_MS)
  )
  await pruneInBatches(
    rctx,
    "notification_send",
    "autopilot_notification_send",
    new Date(rctx.now.getTime() - RESENT_KEPT_MS)
  )
}
