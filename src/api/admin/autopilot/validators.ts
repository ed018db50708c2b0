import { z } from "@medusajs/framework/zod"
import {
  CART_LEAD_STATUSES,
  INVENTORY_FINDING_STATUSES,
  INVENTORY_FINDING_TYPES,
  ITEM_RETRY_STATUSES,
  PAYMENT_RECOVERY_STATUSES,
  RESTOCK_SUBSCRIPTION_STATUSES,
  RUN_STATUSES,
  SHIPMENT_LATENESS,
  SHIPMENT_STATUSES,
} from "../../../types"

/** `limit` and `offset` of a list route. */
function page(defaultLimit = 20, maxLimit = 200) {
  return {
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
    offset: z.coerce.number().int().min(0).default(0),
  }
}

/** `POST /admin/autopilot/jobs/:name` */
export const AdminUpdateAutopilotJob = z.strictObject({
  enabled: z.boolean().optional(),
  /** ISO date-time; null lifts a pause. */
  paused_until: z.iso
    .datetime({
      offset: true,
      message:
        "paused_until must be an ISO 8601 date-time, e.g. 2026-12-01T08:00:00Z",
    })
    .transform((v) => new Date(v))
    .nullable()
    .optional(),
  /** The job's own options; checked against the job's schema. */
  options: z.record(z.string(), z.unknown()).optional(),
  /** Cron string, `{ cron }` or `{ interval }` in ms; null returns to plugin options. */
  schedule: z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .nullable()
    .optional(),
})
export type AdminUpdateAutopilotJobType = z.infer<
  typeof AdminUpdateAutopilotJob
>

/** `POST /admin/autopilot/jobs/:name/run` */
export const AdminRunAutopilotJob = z.strictObject({
  dry_run: z.boolean().optional(),
})
export type AdminRunAutopilotJobType = z.infer<typeof AdminRunAutopilotJob>

/** `POST /admin/autopilot/leads/:id/remind`: no fields. */
export const AdminRemindLeadNow = z.strictObject({})

/** `POST /admin/autopilot/runs/:id/cancel`: no fields. */
export const AdminCancelAutopilotRun = z.strictObject({})

/** `GET /admin/autopilot/jobs/:name/runs` */
export const AdminListAutopilotJobRuns = z.strictObject({
  ...page(),
  status: z
    .union([z.enum(RUN_STATUSES), z.array(z.enum(RUN_STATUSES))])
    .optional(),
})
export type AdminListAutopilotJobRunsType = z.infer<
  typeof AdminListAutopilotJobRuns
>

/** `GET /admin/autopilot/jobs/:name/changes` */
export const AdminListAutopilotJobChanges = z.strictObject({
  ...page(),
})
export type AdminListAutopilotJobChangesType = z.infer<
  typeof AdminListAutopilotJobChanges
>

/** `GET /admin/autopilot/payment-recoveries` */
export const AdminListPaymentRecoveries = z.strictObject({
  ...page(),
  status: z.enum(PAYMENT_RECOVERY_STATUSES).optional(),
  order_id: z.string().min(1).optional(),
  cart_id: z.string().min(1).optional(),
  /** Also list the ones the merchant dismissed. */
  include_dismissed: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
})
export type AdminListPaymentRecoveriesType = z.infer<
  typeof AdminListPaymentRecoveries
>

/** `POST /admin/autopilot/payment-recoveries/:id/dismiss` */
export const AdminDismissPaymentRecovery = z.strictObject({})

/** `GET /admin/autopilot/authorization-warnings` */
export const AdminListAuthorizationWarnings = z.strictObject({
  ...page(),
})
export type AdminListAuthorizationWarningsType = z.infer<
  typeof AdminListAuthorizationWarnings
>

/** `GET /admin/autopilot/jobs/:name/items` */
export const AdminListJobItems = z.strictObject({
  ...page(),
  status: z.enum(ITEM_RETRY_STATUSES).optional(),
})
export type AdminListJobItemsType = z.infer<typeof AdminListJobItems>

/** `POST /admin/autopilot/jobs/:name/items/retry` */
export const AdminRetryJobItems = z.strictObject({
  /** Retry only these; every failing and given-up item when absent. */
  item_ids: z.array(z.string().min(1).max(200)).min(1).max(1000).optional(),
})
export type AdminRetryJobItemsType = z.infer<typeof AdminRetryJobItems>

/** `GET /admin/autopilot/inventory-findings` */
export const AdminListInventoryFindings = z.strictObject({
  ...page(),
  type: z.enum(INVENTORY_FINDING_TYPES).optional(),
  status: z.enum(INVENTORY_FINDING_STATUSES).optional(),
})
export type AdminListInventoryFindingsType = z.infer<
  typeof AdminListInventoryFindings
>

/** `POST /admin/autopilot/inventory-findings/:id/fix` */
export const AdminFixInventoryFinding = z.strictObject({})

/** `GET /admin/autopilot/restock-subscriptions` */
export const AdminListRestockSubscriptions = z.strictObject({
  ...page(),
  variant_id: z.string().min(1).optional(),
  status: z.enum(RESTOCK_SUBSCRIPTION_STATUSES).optional(),
  /** Part of the email address. */
  q: z.string().min(1).max(254).optional(),
})
export type AdminListRestockSubscriptionsType = z.infer<
  typeof AdminListRestockSubscriptions
>

/** `GET /admin/autopilot/restock-demand` */
export const AdminRestockDemand = z.strictObject({
  ...page(50, 10_000),
  variant_id: z.string().min(1).optional(),
  /** `-waiting` (default): most wanted first; `waiting`: least. */
  order: z.enum(["waiting", "-waiting"]).default("-waiting"),
  format: z.enum(["json", "csv"]).default("json"),
})
export type AdminRestockDemandType = z.infer<typeof AdminRestockDemand>

/** `GET /admin/autopilot/leads` */
export const AdminListCartLeads = z.strictObject({
  ...page(),
  status: z.enum(CART_LEAD_STATUSES).optional(),
  /** Part of the email address. */
  q: z.string().min(1).max(254).optional(),
  /** `csv` downloads every matching lead (the `Accept: text/csv` header does the same). */
  format: z.enum(["json", "csv"]).optional(),
})
export type AdminListCartLeadsType = z.infer<typeof AdminListCartLeads>
/** `GET /admin/autopilot/shipments` */
export const AdminListShipments = z.strictObject({
  ...page(),
  status: z.enum(SHIPMENT_STATUSES).optional(),
  order_id: z.string().min(1).optional(),
  /** Late (`delayed`) or stuck (`stalled`) parcels only. */
  lateness: z.enum(SHIPMENT_LATENESS).optional(),
})
export type AdminListShipmentsType = z.infer<typeof AdminListShipments>
