import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import {
  createCarrier,
  isProviderName,
  type WebhookRequest,
  WebhookSignatureError,
  type WebhookUpdate,
} from "../../carriers"
import { now } from "../../runtime/clock"
import { sendNotification } from "../../runtime/notifier"
import { autopilotService } from "../../runtime/settings"
import { safeHttpUrl } from "../../types/urls"
import type { NotifyInput } from "../../runtime/types"
import {
  carrierRuntime,
  loadTrackingOptions,
  type ShipmentTrackingOptions,
} from "./options"
import { settleShipment } from "./settle"
import type { ShipmentUpdateOutcome } from "../../workflows/tracking/steps/record-shipment-update"
import { recordShipmentTrackingWorkflow } from "../../workflows/tracking/workflows/record-shipment-tracking"
import type { ShipmentEventSource } from "../../types"

/** One shipment's carrier update. */
export type ShipmentUpdate = { shipmentId: string; update: WebhookUpdate }

/**
 * Records carrier updates for shipments under a lock on each, so a webhook
 * and a poll arriving together apply one after the other.
 */
export async function applyShipmentUpdates(
  container: MedusaContainer,
  items: ShipmentUpdate[],
  source: Exclude<ShipmentEventSource, "system">,
  options: ShipmentTrackingOptions
): Promise<ShipmentUpdateOutcome[]> {
  if (!items.length) return []
  const locking = container.resolve(Modules.LOCKING)
  const keys = [
    ...new Set(items.map((i) => `autopilot:shipment:${i.shipmentId}`)),
  ]
  return locking.execute(
    keys,
    async () => {
      const { result } = await recordShipmentTrackingWorkflow(container).run({
        input: {
          updates: items.map(({ shipmentId, update }) => ({
            shipment_id: shipmentId,
            events: update.events.map((e) => ({
              ...e,
              occurred_at: e.occurred_at.toISOString(),
            })),
            // A carrier's link is stored only when it is http(s).
            tracking_url: safeHttpUrl(update.tracking_url),
            carrier: update.carrier ?? null,
            estimated_delivery:
              update.estimated_delivery?.toISOString() ?? null,
          })),
          source,
          now: now().toISOString(),
          quiet_hours: options.quiet_hours,
        },
      })
      return result
    },
    { timeout: 30 }
  )
}

/** Sends a message outside a job run; a failure leaves it pending for the job. */
export async function sendNow(
  container: MedusaContainer,
  input: NotifyInput
): Promise<boolean> {
  const options = await autopilotService(container).getOptions()
  const outcome = await sendNotification(container, options, input)
  return outcome.status !== "failed"
}

export type WebhookOutcome = {
  received: number
  applied: number
  ignored: number
}

/**
 * Handles a carrier webhook: verifies it over the raw body (401 when the
 * signature or token is missing or wrong, or the provider has no secret —
 * nothing is changed then), applies each parcel update forward-only (a
 * replayed or older event changes nothing), then sends what the new status
 * calls for. A parcel the shop does not follow is ignored.
 */
export async function receiveTrackingWebhook(
  container: MedusaContainer,
  provider: string,
  request: WebhookRequest
): Promise<WebhookOutcome> {
  if (!isProviderName(provider)) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Unknown tracking provider "${provider}"`
    )
  }
  const options = await loadTrackingOptions(container)
  const client = createCarrier(
    provider,
    options.providers,
    carrierRuntime(options)
  )
  if (!client?.verifyWebhook) {
    throw new MedusaError(
      MedusaError.Types.UNAUTHORIZED,
      `${provider} is not configured to receive webhooks`
    )
  }
  let updates: WebhookUpdate[]
  try {
    updates = client.verifyWebhook(request)
  } catch (e) {
    if (e instanceof WebhookSignatureError) {
      throw new MedusaError(MedusaError.Types.UNAUTHORIZED, e.message)
    }
    throw e
  }
  const service = autopilotService(container)
  const outcome: WebhookOutcome = {
    received: updates.length,
    applied: 0,
    ignored: 0,
  }
  for (const update of updates) {
    const shipments = await service.listTrackedShipments(
      { provider, tracking_number: update.number },
      { select: ["id"], take: 50 }
    )
    if (!shipments.length) {
      outcome.ignored += 1
      continue
    }
    for (const shipment of shipments) {
      const [result] = await applyShipmentUpdates(
        container,
        [{ shipmentId: shipment.id, update }],
        "webhook",
        options
      )
      if (result?.changed) outcome.applied += 1
      else outcome.ignored += 1
      // Messages that fail here stay pending; the job's next run sends them.
      await settleShipment(container, shipment.id, {
        options,
        send: (input) => sendNow(container, input),
        now: now(),
      }).catch(() => undefined)
    }
  }
  return outcome
}
