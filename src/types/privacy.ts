import type { Timestamp } from "./common"

export const PRIVACY_AUDIT_ACTIONS = ["export", "erase"] as const
export type PrivacyAuditAction = (typeof PRIVACY_AUDIT_ACTIONS)[number]

/** What the purpose of a message-link token is. */
export const TOKEN_PURPOSES = [
  "restock_confirm",
  "unsubscribe",
  "restock_alert",
  "cart_recovery",
  /** A parcel's tracking-page link (subject: a tracked shipment's id). */
  "shipment_status",
] as const
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number]

/** The audit entry an export or erasure recorded (it never holds the email). */
export type PrivacyAuditEntry<D extends Timestamp = string> = {
  id: string
  created_at: D
}

/** `POST /admin/autopilot/people/export` (and the deprecated `GET /admin/autopilot/people?email=`): rows per domain and table. */
export type PersonExportResponse<D extends Timestamp = string> = {
  person: {
    email: string
    data: Record<string, Record<string, unknown[]>>
  }
  audit: PrivacyAuditEntry<D>
}

/** `POST /admin/autopilot/people/erase` (and the deprecated `DELETE /admin/autopilot/people?email=`): rows erased or anonymised per table. */
export type PersonEraseResponse<D extends Timestamp = string> = {
  erased: Record<string, number>
  audit: PrivacyAuditEntry<D>
}

/** `POST /store/autopilot/confirm` and `/unsubscribe` */
export type StoreTokenStatusResponse = { status: string }
