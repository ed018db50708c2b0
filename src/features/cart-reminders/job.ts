import { forEachBatch, forEachItem, keysetAfter } from "../../runtime/batching"
import { autopilotService } from "../../runtime/settings"
import type { JobHandler, RunContext } from "../../runtime/types"
import { backfillCartActivity } from "../../workflows/carts/utils/backfill"
import { loadReminderCarts } from "./reminder-cart"
import { type Activity, type CartRemindersOptions, remind } from "./remind"
import { dueStep, stepMinutes, type StopReason } from "./sequence"

export type { CartRemindersOptions } from "./remind"

const HOUR = 3_600_000
const MINUTE = 60_000

/**
 * One run of `cart-reminders`. First finishes the one-time backfill of the
 * cart activity table (if pending), then, for each step of the sequence,
 * walks the open carts with an email and items whose step is due (inactive
 * for the step's delay, but not longer than `stop_after_hours`) in keyset
 * batches over the plugin's indexed table — Medusa's cart table is read
 * only for the carts of a batch.
 *
 * Right before each send the cart is read again and nothing goes out when
 * it is gone, completed, emptied or touched again, when the email
 * unsubscribed, consent is missing (`consent: marketing_opt_in`), the
 * shopper ordered since the cart's last activity, a payment of the cart is
 * in flight at a provider (payment recovery's), or an item can no longer
 * be bought. Each step goes out at most once per cart: the send ledger's
 * unique (cart, step) claim plus the notification idempotency key
 * `cart-reminder:<cart_id>:<step>`. A failed send is an item failure,
 * retried with back-off. A step with a `discount` carries a single-use
 * code made for the cart when it goes out (`discount.ts`; made once per
 * cart and step, whatever the retries). A dry run sends and writes nothing
 * and reports what would go out.
 */
export const cartRemindersJob: JobHandler<CartRemindersOptions> = async (
  ctx
) => {
  const options = ctx.options
  const service = autopilotService(ctx.container)
  const { storefrontUrl } = await service.getOptions()
  const base = storefrontUrl.replace(/\/$/, "")
  const stops = new Map<StopReason, number>()
  const oneCart = ctx.params?.cart_id
  if (typeof oneCart === "string") {
    await remindNow(ctx, options, oneCart, base, stops)
    noteStops(ctx, stops)
    return
  }
  await backfillCartActivity(ctx)
  const now = ctx.now()
  const oldest = new Date(now.getTime() - options.stop_after_hours * HOUR)

  const minutes = stepMinutes(options)
  for (let sent = 0; sent < minutes.length; sent++) {
    const dueBefore = new Date(now.getTime() - minutes[sent] * MINUTE)
    if (dueBefore <= oldest) continue
    const bound = { $lte: dueBefore, $gt: oldest }
    const result = await forEachBatch<Activity, Activity>(ctx, {
      batchSize: options.batch_size,
      cursorOf: (row) => row,
      fetch: (cursor, limit) =>
        service.listCartActivities(
          {
            state: "open",
            email: { $ne: null },
            item_count: { $gt: 0 },
            reminders_sent: sent,
            ...keysetAfter("last_active_at", cursor, bound),
          } as never,
          { order: { last_active_at: "ASC", id: "ASC" }, take: limit }
        ),
      handle: async (rows) => {
        const due = rows
          .map((row) => ({
            row,
            index: dueStep(
              minutes,
              sent,
              new Date(row.last_active_at),
              now,
              options.stop_after_hours * HOUR
            ),
          }))
          .filter(
            (d): d is { row: Activity; index: number } => d.index !== null
          )
        const carts = await loadReminderCarts(
          ctx.container,
          due.map((d) => d.row.cart_id),
          options.consent_field
        )
        await forEachItem(
          ctx,
          due,
          (d) => d.row.cart_id,
          (d) =>
            remind(
              ctx,
              options,
              d.row,
              carts.get(d.row.cart_id),
              d.index,
              base,
              stops
            )
        )
      },
    })
    if (result.stoppedEarly) break
  }
  noteStops(ctx, stops)
}

function noteStops(ctx: RunContext, stops: Map<StopReason, number>) {
  if (stops.size) {
    ctx.note(
      `Not sent: ${[...stops]
        .map(([reason, n]) => `${n} ${reason.replace(/_/g, " ")}`)
        .join(", ")}`
    )
  }
}

/**
 * "Send next reminder now" for one cart (a one-off run, `params.cart_id`):
 * its next step goes out without waiting for the step's inactivity, after
 * every last-moment check a scheduled reminder passes (opt-out, consent,
 * an order since, a payment in flight, items still for sale, the cart
 * touched again). A cart whose sequence is over, or that is no longer an
 * open cart with an email and items, is noted and nothing is sent.
 */
async function remindNow(
  ctx: RunContext,
  options: CartRemindersOptions,
  cartId: string,
  base: string,
  stops: Map<StopReason, number>
): Promise<void> {
  const service = autopilotService(ctx.container)
  const [row] = await service.listCartActivities({ cart_id: cartId })
  if (!row || row.state !== "open" || !row.email || !row.item_count) {
    ctx.count("skipped")
    ctx.note("Not sent: the cart is no longer open with an email and items")
    return
  }
  const index = row.reminders_sent
  if (index >= options.steps.length) {
    ctx.count("skipped")
    ctx.note(
      options.steps.length === 1
        ? "Not sent: the cart had its reminder already (the sequence has one)"
        : `Not sent: the cart had all ${options.steps.length} reminders of the sequence already`
    )
    return
  }
  const carts = await loadReminderCarts(
    ctx.container,
    [cartId],
    options.consent_field
  )
  await forEachItem(
    ctx,
    [row],
    (r) => r.cart_id,
    (r) => remind(ctx, options, r, carts.get(cartId), index, base, stops),
    { retries: false }
  )
}
