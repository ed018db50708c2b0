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
} as const
