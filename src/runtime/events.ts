import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

/** Events the plugin emits. Names are a contract with shops: never rename one. */
export const AutopilotEvents = {
  /** `{ id }` of a queued run; a worker (or this instance in shared mode) runs it. */
  JOB_RUN_REQUESTED: "autopilot.job_run.requested",
  /** `{ job_name, changes }` after a job's setting changed in the admin or API. */
  JOB_SETTING_UPDATED: "autopilot.job_setting.updated",
  /** `{ id, order_id, cart_id, payment_session_id }` after payment recovery turned a paid cart into an order. */
  PAYMENT_RECOVERED: "autopilot.payment.recovered",
  /** `{ id, cart_id, order_id }` of a lead whose cart became an order after a reminder. */
  CART_RECOVERED: "autopilot.cart.recovered",
  /**
   * `{ id, order_id, fulfillment_id, tracking_number, carrier, from, to,
   * source }` when a followed parcel's status moved (`from` → `to`).
   */
  SHIPMENT_STATUS_CHANGED: "autopilot.shipment.status_changed",
  /**
   * `{ id, variant_id, customer_id, notification_id }` (`id`: the
   * subscription) when a back-in-stock alert went out.
   */
  RESTOCK_ALERT_SENT: "autopilot.restock.alert_sent",
  /**
   * `{ id, cart_id, customer_id, step, notification_id }` (`id`: the lead)
   * when a cart reminder went out.
   */
  CART_REMINDER_SENT: "autopilot.cart.reminder_sent",
  /**
   * `{ id, type, inventory_item_id, location_id, run_id, after }` when an
   * inventory finding was fixed ("Fix now" or the job's auto-fix).
   */
  INVENTORY_FINDING_FIXED: "autopilot.inventory.finding_fixed",
} as const

/**
 * Emits one of the plugin's events outside a workflow (a job's run). A
 * failing event bus is logged, never fails the work the event reports.
 */
export async function emitEvent(
  container: MedusaContainer,
  name: string,
  data: Record<string, unknown>
): Promise<void> {
  try {
    await container.resolve(Modules.EVENT_BUS).emit({ name, data })
  } catch (e) {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .warn(`autopilot: could not emit ${name}: ${(e as Error).message}`)
  }
}

/**
 * Emits many of the plugin's events in one call to the event bus (a
 * batch's sends); a failing bus is logged, as with {@link emitEvent}.
 */
export async function emitEvents(
  container: MedusaContainer,
  events: { name: string; data: Record<string, unknown> }[]
): Promise<void> {
  if (!events.length) return
  try {
    await container.resolve(Modules.EVENT_BUS).emit(events)
  } catch (e) {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .warn(
        `autopilot: could not emit ${events.length} event(s) (${events[0].name}): ${(e as Error).message}`
      )
  }
}
