import type { ListPage, Timestamp } from "./common"
import type { FieldLabels } from "./labels"

export const PAYMENT_RECOVERY_STATUSES = [
  "pending",
  "recovered",
  "abandoned",
  "needs_attention",
] as const
export type PaymentRecoveryStatus = (typeof PAYMENT_RECOVERY_STATUSES)[number]

/** `cart`: no order yet; `order`: an order waits for its authorization. */
export const PAYMENT_RECOVERY_KINDS = ["cart", "order"] as const
export type PaymentRecoveryKind = (typeof PAYMENT_RECOVERY_KINDS)[number]

/** A payment session the payment-recovery job follows. */
export type PaymentRecovery<D extends Timestamp = string> = {
  id: string
  payment_session_id: string
  payment_collection_id: string
  cart_id: string
  order_id: string | null
  kind: PaymentRecoveryKind
  provider_id: string
  amount: number
  currency_code: string
  email: string | null
  status: PaymentRecoveryStatus
  resolution: string | null
  reason: string | null
  provider_status: string | null
  provider_reference: string | null
  attempts: number
  errors: number
  last_error: string | null
  session_created_at: D
  last_checked_at: D | null
  next_check_at: D | null
  recovered_at: D | null
  refunded: boolean
  attention_notified_at: D | null
  dismissed_at: D | null
  dismissed_by: string | null
  created_at: D
  updated_at: D
  /** Names of `order_id`, `cart_id` and `dismissed_by`. */
  labels?: FieldLabels
}

/** An authorized payment left uncaptured long enough to lapse. */
export type AuthorizationWarning<D extends Timestamp = string> = {
  id: string
  payment_id: string
  payment_collection_id: string | null
  order_id: string | null
  provider_id: string
  amount: number
  currency_code: string
  authorized_at: D
  notified_at: D | null
  resolved_at: D | null
  created_at: D
  updated_at: D
}

/**
 * A record as the admin list shows it: with the cadence preset its provider
 * follows under the current options (`ideal`, `card`, `default`, `custom`
 * for `provider_cadence_minutes`, or a merchant-defined name), computed at
 * read time; `next_check_at` is when that preset asks next.
 */
export type PaymentRecoveryListItem<D extends Timestamp = string> =
  PaymentRecovery<D> & { cadence_preset: string }

/** `GET /admin/autopilot/payment-recoveries` */
export type PaymentRecoveryListResponse<D extends Timestamp = string> =
  ListPage & { payment_recoveries: PaymentRecoveryListItem<D>[] }

/** `POST /admin/autopilot/payment-recoveries/:id/dismiss` */
export type PaymentRecoveryResponse<D extends Timestamp = string> = {
  payment_recovery: PaymentRecovery<D>
}

/** `GET /admin/autopilot/authorization-warnings` */
export type AuthorizationWarningListResponse<D extends Timestamp = string> =
  ListPage & { authorization_warnings: AuthorizationWarning<D>[] }
