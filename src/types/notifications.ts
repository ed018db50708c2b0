/** Where a send the plugin started stands in its own bookkeeping. */
export const NOTIFICATION_SEND_STATUSES = [
  /** Handed to Medusa's Notification module; no answer seen yet. */
  "sending",
  /** Medusa's row stayed `pending` past the grace period: maybe sent, maybe not. */
  "unconfirmed",
  /** The merchant sent it again, and that send went through. */
  "resent",
] as const
export type NotificationSendStatus = (typeof NOTIFICATION_SEND_STATUSES)[number]
