import type { JobOptions } from "../../catalog/jobs"
import { Modules } from "@medusajs/framework/utils"
import { AutopilotEvents } from "../../runtime/events"
import { LOCK_TTL_SECONDS } from "../../runtime/runner"
import { autopilotService } from "../../runtime/settings"
import { issueTokens } from "../../runtime/tokens"
import type { RunContext } from "../../runtime/types"
import { isLead } from "../../shared/cart-lead"
import { stepDiscount } from "./discount"
import { toActivityRow } from "../../workflows/carts/utils/activity"
import {
  consentOf,
  itemsPurchasable,
  num,
  orderedSince,
  paymentInFlight,
  type ReminderCart,
  reminderData,
} from "./reminder-cart"
import { stepMinutes, type StopReason } from "./sequence"
import {
  checkReminder,
  type Lookup,
  type ReminderFacts,
  stopEffect,
} from "./stop"

// Sending one reminder: the last-moment checks, the ledger claim, the lead
// and the send; the job (job.ts) decides which carts are due.

export type CartRemindersOptions = JobOptions<"cart-reminders">

export type Activity = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["listCartActivities"]>
>[number]

const DAY = 86_400_000
const HOUR = 3_600_000

/**
 * Why the due step of this cart must not go out now, or null to send it:
 * gathers the facts `checkReminder` asks for, one lookup at a time.
 */
async function stopReason(
  ctx: RunContext,
  options: CartRemindersOptions,
  row: Activity,
  cart: ReminderCart | undefined,
  index: number
): Promise<StopReason | null> {
  const service = autopilotService(ctx.container)
  const fresh = cart ? toActivityRow(cart) : null
  const facts: ReminderFacts = {
    cart:
      cart && fresh
        ? {
            state: fresh.state === "completed" ? "completed" : "open",
            email: fresh.email,
            item_count: fresh.item_count,
            last_active_at: fresh.last_active_at,
            consent_given: consentOf(
              cart,
              options.consent,
              options.consent_field
            ).given,
          }
        : null,
    seen_until: new Date(
      Math.max(
        new Date(row.last_active_at).getTime(),
        new Date(row.updated_at).getTime()
      )
    ),
  }
  const lookups: Record<Lookup, () => Promise<boolean>> = {
    unsubscribed: async () =>
      (await service.listCartOptouts({ email: fresh!.email! })).length > 0,
    ordered_since: () =>
      orderedSince(
        ctx.container,
        { id: cart!.id, email: fresh!.email!, customer_id: fresh!.customer_id },
        fresh!.last_active_at
      ),
    payment_in_flight: () => paymentInFlight(ctx.container, cart!.id),
    purchasable: () => itemsPurchasable(ctx.container, cart!),
  }
  const now = ctx.now()
  const sequence = {
    steps: stepMinutes(options),
    stop_after_ms: options.stop_after_hours * HOUR,
  }
  for (;;) {
    const verdict = checkReminder(facts, index, now, sequence)
    if (verdict.kind === "send") return null
    if (verdict.kind === "stop") return verdict.reason
    facts[verdict.fact] = await lookups[verdict.fact]()
  }
}

/**
 * Claims the step in the send ledger. False when it was sent already, or
 * when a live run of this job holds it; a claim left by a run that died is
 * taken over (the notification's idempotency key then keeps the message
 * from going out twice if it had left before the crash).
 */
async function claim(
  ctx: RunContext,
  cartId: string,
  step: number,
  email: string
): Promise<boolean> {
  const service = autopilotService(ctx.container)
  if (
    await service.claimCartReminder({
      cart_id: cartId,
      step,
      email,
      run_id: ctx.runId,
    })
  ) {
    return true
  }
  const [entry] = await service.listCartReminders({ cart_id: cartId, step })
  if (!entry || entry.status === "sent") return false
  if (entry.run_id && entry.run_id !== ctx.runId) {
    const [holder] = await service.listJobRuns({ id: entry.run_id })
    const alive =
      holder?.status === "running" &&
      !!holder.heartbeat_at &&
      new Date(holder.heartbeat_at).getTime() >
        ctx.now().getTime() - LOCK_TTL_SECONDS * 1000
    if (alive) return false
  }
  await service.updateCartReminders({ id: entry.id, run_id: ctx.runId })
  return true
}

/** Writes (or refreshes) the cart's lead with what the reminder relied on. */
async function upsertLead(
  ctx: RunContext,
  options: CartRemindersOptions,
  cart: ReminderCart,
  sent: number
): Promise<string> {
  const service = autopilotService(ctx.container)
  const fresh = toActivityRow(cart)
  const data = {
    email: fresh.email,
    customer_id: fresh.customer_id,
    sales_channel_id: fresh.sales_channel_id,
    region_id: fresh.region_id,
    currency_code: fresh.currency_code,
    items: (cart.items ?? []).map((i) => ({
      title: i.product_title ?? i.title,
      variant_title: i.variant_title,
      variant_id: i.variant_id,
      sku: i.variant_sku,
      quantity: Number(i.quantity),
      unit_price: Number(i.unit_price),
      thumbnail: i.thumbnail,
    })) as unknown as Record<string, unknown>,
    total: num(cart.total),
    cart_created_at: fresh.cart_created_at,
    last_active_at: fresh.last_active_at,
    reminders_sent: sent,
    consent: consentOf(cart, options.consent, options.consent_field),
  }
  const [lead] = await service.listCartLeads({ cart_id: cart.id })
  if (lead) {
    await service.updateCartLeads({ id: lead.id, ...data })
    return lead.id
  }
  try {
    return (await service.createCartLeads({ cart_id: cart.id, ...data })).id
  } catch (e) {
    // Written meanwhile (the unique cart_id index): update that one.
    const [again] = await service.listCartLeads({ cart_id: cart.id })
    if (!again) throw e
    await service.updateCartLeads({ id: again.id, ...data })
    return again.id
  }
}

/** Sends one due step to one cart, after the last-moment checks. */
export async function remind(
  ctx: RunContext,
  options: CartRemindersOptions,
  row: Activity,
  cart: ReminderCart | undefined,
  index: number,
  base: string,
  stops: Map<StopReason, number>
): Promise<void> {
  const service = autopilotService(ctx.container)
  const step = index + 1
  const stop = async (reason: StopReason) => {
    stops.set(reason, (stops.get(reason) ?? 0) + 1)
    ctx.count("skipped")
    if (ctx.dryRun) return
    const effect = stopEffect(reason, !!cart)
    if (effect === "mark_deleted") {
      await service.updateCartActivities({ id: row.id, state: "deleted" })
    } else if (effect === "refresh") {
      await service.upsertCartActivities([toActivityRow(cart!)])
    }
  }
  const reason = await stopReason(ctx, options, row, cart, index)
  if (reason || !cart) return stop(reason ?? "cart_gone")
  const fresh = toActivityRow(cart)
  // Nothing to win back (free items only): no reminder, and no lead.
  if (
    !isLead({
      email: fresh.email,
      customer_id: fresh.customer_id,
      item_count: fresh.item_count,
      // Unknown (not computed) counts as positive.
      total: num(cart.total) ?? undefined,
    })
  ) {
    return stop("empty")
  }
  const email = fresh.email!
  if (ctx.dryRun) {
    ctx.changed(`would-remind:step-${step}`, cart.id)
    return
  }
  if (!(await claim(ctx, cart.id, step, email))) {
    const [entry] = await service.listCartReminders({
      cart_id: cart.id,
      step,
    })
    if (entry?.status === "sent") {
      // Sent by an earlier run that died before recording it on the row.
      await service.updateCartActivities({
        id: row.id,
        reminders_sent: Math.max(row.reminders_sent, step),
        last_reminder_at: entry.sent_at ?? ctx.now(),
      })
    }
    return stop("in_progress")
  }
  const leadId = await upsertLead(ctx, options, cart, step)
  const discount = await stepDiscount(ctx, options, cart, step, leadId)
  const [recovery, unsubscribe] = await issueTokens(ctx.container, [
    {
      purpose: "cart_recovery",
      subjectId: cart.id,
      ttlMs: options.recovery_token_days * DAY,
    },
    { purpose: "unsubscribe", subjectId: leadId, ttlMs: null },
  ])
  const idempotencyKey = `cart-reminder:${cart.id}:${step}`
  const sent = await ctx.notify({
    name: "autopilot.cart.reminder",
    to: email,
    idempotencyKey,
    itemId: cart.id,
    resourceId: cart.id,
    resourceType: "cart",
    receiverId: cart.customer_id ?? undefined,
    sentEvent: {
      name: AutopilotEvents.CART_REMINDER_SENT,
      data: {
        id: leadId,
        cart_id: cart.id,
        customer_id: cart.customer_id ?? null,
        step,
      },
    },
    data: {
      ...reminderData(cart, step, options.steps.length, {
        recovery_url: `${base}/cart/recover?token=${recovery}`,
        unsubscribe_url: `${base}/autopilot/unsubscribe?token=${unsubscribe}`,
      }),
      discount,
    },
  })
  // A failed send keeps the claim; the item is retried with back-off and
  // the next run takes the claim over.
  if (!sent) return
  const [notification] = await ctx.container
    .resolve(Modules.NOTIFICATION)
    .listNotifications({ idempotency_key: idempotencyKey } as never, {
      take: 1,
    })
  const at = ctx.now()
  const [entry] = await service.listCartReminders({ cart_id: cart.id, step })
  await service.updateCartReminders({
    id: entry.id,
    status: "sent",
    sent_at: at,
    notification_id: notification?.id ?? null,
  })
  await service.updateCartActivities({
    id: row.id,
    reminders_sent: step,
    last_reminder_at: at,
  })
}
