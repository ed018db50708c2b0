import type {
  MedusaContainer,
  NotificationDTO,
} from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { isMerchantAlert } from "../catalog/notifications"
import { loadBranding } from "../messages"
import { chunks } from "./batching"
import { now } from "./clock"
import { contactDelays, recordMarketingSends } from "./contact-rules"
import { postMerchantWebhooks } from "./merchant-webhooks"
import {
  batchContent,
  type ContentOptions,
  failureReason,
  medusaRows,
  type SendOutcome,
  type SendRow,
  type SendSource,
  UNCONFIRMED_AFTER_MS,
  unconfirmedOutcome,
} from "./notification-rows"
import { autopilotService } from "./settings"
import type { NotifyInput } from "./types"

export {
  DEFERRED_ACTION,
  failureReason,
  hasProviderTemplate,
  markUnconfirmedSends,
  messageContent,
  UNCONFIRMED_ACTION,
  UNCONFIRMED_AFTER_MS,
  type SendOutcome,
  type SendSource,
} from "./notification-rows"
export {
  listUnconfirmedSends,
  providersForChannel,
  resendUnconfirmed,
} from "./unconfirmed-sends"

const UNSERVED = /Could not find a notification provider for channel/i

/** Messages per `createNotifications` call unless the option or caller says. */
export const DEFAULT_NOTIFICATION_BATCH_SIZE = 100

/**
 * Writes the plugin's "sending" record for each key that has none, in one
 * write; returns the records that existed before, by key.
 */
async function recordSendings(
  container: MedusaContainer,
  inputs: NotifyInput[],
  source: SendSource
): Promise<Map<string, SendRow>> {
  const service = autopilotService(container)
  const existing = await service.listNotificationSends(
    { idempotency_key: inputs.map((i) => i.idempotencyKey) },
    { take: null }
  )
  const byKey = new Map(existing.map((r) => [r.idempotency_key, r]))
  // One statement; a key another process recorded meanwhile keeps its row.
  await service.insertNotificationSends(
    inputs
      .filter((i) => !byKey.has(i.idempotencyKey))
      .map((input) => ({
        idempotency_key: input.idempotencyKey,
        name: input.name,
        job_name: source.jobName ?? null,
        run_id: source.runId ?? null,
        item_id: input.itemId,
        started_at: now(),
      }))
  )
  return byKey
}

/** Drops the "sending" records of these keys (Medusa answered for them). */
async function forgetSendings(container: MedusaContainer, keys: string[]) {
  await autopilotService(container).deleteSendingRecords(keys)
}

/** A notification row's idempotency key (the DTO type does not list it). */
const keyOf = (row: NotificationDTO) =>
  (row as { idempotency_key?: string | null }).idempotency_key ?? ""

/** Medusa's row for a key it skipped as held already: what it means now. */
function heldOutcome(
  row: NotificationDTO | undefined,
  recorded: SendRow | undefined
):
  | SendOutcome
  | { status: "unconfirm"; row: NotificationDTO; recorded: SendRow } {
  if (row?.status !== "pending") return { status: "already_sent" }
  if (
    !recorded ||
    now().getTime() - new Date(recorded.started_at).getTime() <
      UNCONFIRMED_AFTER_MS
  ) {
    const since = recorded?.started_at ?? now()
    return {
      status: "failed",
      reason: `in flight: Medusa's notification is pending since ${new Date(since).toISOString()}; not counted as sent`,
      inFlight: true,
    }
  }
  return { status: "unconfirm", row, recorded }
}

/**
 * One `createNotifications` call for up to a batch of messages that are due
 * now; returns their outcomes in order.
 */
async function sendBatch(
  container: MedusaContainer,
  options: ContentOptions,
  inputs: NotifyInput[],
  source: SendSource
): Promise<SendOutcome[]> {
  const service = autopilotService(container)
  const outcomes: (SendOutcome | undefined)[] = inputs.map(() => undefined)
  const recorded = await recordSendings(container, inputs, source)
  const before = await medusaRows(
    container,
    inputs.map((i) => i.idempotencyKey)
  )
  const settled: string[] = []
  const unconfirm: {
    index: number
    row: NotificationDTO
    recorded: SendRow
  }[] = []
  // Keys of earlier failed sends, to be freed before the new attempt.
  const failedBefore: NotificationDTO[] = []
  inputs.forEach((input, n) => {
    const mine = recorded.get(input.idempotencyKey)
    if (mine?.status === "unconfirmed") {
      outcomes[n] = unconfirmedOutcome(mine, mine.started_at)
      return
    }
    if (mine?.status === "resent") {
      outcomes[n] = { status: "already_sent" }
      return
    }
    const row = before.get(input.idempotencyKey)
    if (!row) return
    if (row.status === "failure") {
      failedBefore.push(row)
      return
    }
    const held = heldOutcome(row, mine)
    if (held.status === "unconfirm") unconfirm.push({ index: n, ...held })
    else {
      outcomes[n] = held
      if (held.status === "already_sent") settled.push(input.idempotencyKey)
    }
  })
  const notifications = container.resolve(Modules.NOTIFICATION)
  if (failedBefore.length) {
    // Medusa would send a failed key again but then fail to store the new
    // status (it updates a row id it never created), leaving the whole
    // batch pending. The failed row keeps its history under its own key
    // (the module's generated update; its interface does not list it).
    const archive = notifications as unknown as {
      updateNotifications(rows: Record<string, unknown>[]): Promise<unknown>
    }
    await archive.updateNotifications(
      failedBefore.map((row) => ({
        id: row.id,
        idempotency_key: `${keyOf(row)}:failed:${row.id}`,
      }))
    )
  }
  const due = inputs
    .map((input, n) => ({ input, n }))
    .filter(({ n }) => !outcomes[n] && !unconfirm.some((u) => u.index === n))
  let error: Error | null = null
  if (due.length) {
    // The ready message, unless the merchant mapped a provider template;
    // messages alike but for their links are rendered once.
    const contents = await batchContent(
      container,
      options,
      due.map(({ input }) => input),
      await loadBranding(container, options)
    )
    const payload = due.map(({ input }, i) => ({
      to: input.to,
      channel: options.notificationChannel,
      template: options.templates[input.name],
      content: contents[i],
      data: { ...input.data, notification_name: input.name },
      idempotency_key: input.idempotencyKey,
      trigger_type: "medusa-plugin-autopilot",
      resource_id: input.resourceId,
      resource_type: input.resourceType,
      receiver_id: input.receiverId,
    }))
    let created: NotificationDTO[] = []
    try {
      created = await notifications.createNotifications(payload)
    } catch (e) {
      error = e as Error
    }
    // Each item's outcome from its own row: the module stores every
    // status before it reports the failures together.
    const keys = due.map(({ input }) => input.idempotencyKey)
    const after = error
      ? await medusaRows(container, keys)
      : new Map(created.map((row) => [keyOf(row), row]))
    const skipped = error
      ? new Map<string, NotificationDTO>()
      : await medusaRows(
          container,
          keys.filter((k) => !after.has(k))
        )
    for (const { input, n } of due) {
      const key = input.idempotencyKey
      const row = after.get(key)
      if (!row) {
        if (error) {
          // Nothing stored (the module's transaction failed): a plain failure.
          settled.push(key)
          outcomes[n] = failed(error.message, options)
          continue
        }
        // Another process sent this key between our read and our call.
        const held = heldOutcome(skipped.get(key), recorded.get(key))
        if (held.status === "unconfirm") unconfirm.push({ index: n, ...held })
        else {
          outcomes[n] = held
          if (held.status === "already_sent") settled.push(key)
        }
      } else if (row.status === "success") {
        settled.push(key)
        outcomes[n] = { status: "sent", notificationId: row.id }
      } else if (row.status === "failure") {
        settled.push(key)
        outcomes[n] = failed(
          error ? failureReason(error.message, row.id) : "the provider failed",
          options
        )
      } else {
        // Still pending after the call: the module could not store the
        // statuses. Maybe sent: the record stays and becomes unconfirmed.
        outcomes[n] = {
          status: "failed",
          reason: `in flight: Medusa's notification is pending after the send${error ? ` (${error.message})` : ""}; not counted as sent`,
          inFlight: true,
        }
      }
    }
  }
  for (const { index, row, recorded: mine } of unconfirm) {
    const marked = await service.updateNotificationSends({
      id: mine.id,
      status: "unconfirmed",
      notification_id: row.id,
      unconfirmed_at: now(),
    })
    outcomes[index] = unconfirmedOutcome(marked, mine.started_at)
  }
  await forgetSendings(container, settled)
  await recordMarketingSends(
    container,
    options,
    inputs.filter((_, n) => outcomes[n]?.status === "sent"),
    now()
  )
  return outcomes as SendOutcome[]
}

function failed(reason: string, options: ContentOptions): SendOutcome {
  return {
    status: "failed",
    reason,
    unservedChannel: UNSERVED.test(reason)
      ? options.notificationChannel
      : undefined,
  }
}

/**
 * Sends messages through Medusa's Notification module, `batchSize` per
 * `createNotifications` call (the `notificationBatchSize` option, 100 by
 * default); returns one outcome per input, in order. The module creates a
 * batch's rows in one transaction, skipping keys it holds, then calls the
 * provider for every row at once and stores each row's status before it
 * reports the failures together. So each message's outcome is read from
 * its own row: one failed send costs only its own item (retried with
 * back-off by the job), and the idempotency key makes a re-run after a
 * crash skip what was already sent.
 *
 * Per message: merchant alerts also go to webhooks; marketing messages
 * wait for the contact window and the per-address cap (`deferred`); the
 * send is recorded before Medusa gets it and the record dropped once Medusa
 * answers. A key Medusa holds: `success` is "already sent"; `pending` (a
 * process stopped mid-send) is never counted as sent: "in flight" for
 * {@link UNCONFIRMED_AFTER_MS}, then unconfirmed; `failure` is sent again.
 */
export async function sendNotifications(
  container: MedusaContainer,
  options: ContentOptions,
  inputs: NotifyInput[],
  source: SendSource = {},
  opts: { batchSize?: number } = {}
): Promise<SendOutcome[]> {
  const outcomes: (SendOutcome | undefined)[] = inputs.map(() => undefined)
  for (const [n, input] of inputs.entries()) {
    if (!isMerchantAlert(input.name)) continue
    // Webhooks as well as email; a webhook's failure costs only itself.
    const hooks = await postMerchantWebhooks(container, options, {
      name: input.name,
      idempotencyKey: input.idempotencyKey,
      data: input.data,
    })
    if (!input.to) {
      outcomes[n] = hooks.failed.length
        ? { status: "failed", reason: hooks.failed.join("; ") }
        : { status: "sent", notificationId: null }
    }
  }
  // One send per key: a repeated key gets the first one's outcome.
  const first = new Map<string, number>()
  const repeats: [number, number][] = []
  const pending: number[] = []
  inputs.forEach((input, n) => {
    if (outcomes[n]) return
    const seen = first.get(input.idempotencyKey)
    if (seen !== undefined) repeats.push([n, seen])
    else {
      first.set(input.idempotencyKey, n)
      pending.push(n)
    }
  })
  const waits = await contactDelays(
    container,
    options,
    pending.map((n) => inputs[n]),
    now()
  )
  const due = pending.filter((n, i) => {
    const wait = waits[i]
    if (wait) outcomes[n] = { status: "deferred", ...wait }
    return !wait
  })
  const size = Math.max(
    1,
    opts.batchSize ??
      options.notificationBatchSize ??
      DEFAULT_NOTIFICATION_BATCH_SIZE
  )
  for (const batch of chunks(due, size)) {
    const results = await sendBatch(
      container,
      options,
      batch.map((n) => inputs[n]),
      source
    )
    batch.forEach((n, i) => (outcomes[n] = results[i]))
  }
  for (const [n, of] of repeats) outcomes[n] = outcomes[of]
  return outcomes as SendOutcome[]
}

/** Sends one message: {@link sendNotifications} with one input. */
export async function sendNotification(
  container: MedusaContainer,
  options: ContentOptions,
  input: NotifyInput,
  source: SendSource = {}
): Promise<SendOutcome> {
  const [outcome] = await sendNotifications(container, options, [input], source)
  return outcome
}
