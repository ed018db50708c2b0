import {
  type MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  AdminDismissPaymentRecovery,
  AdminListRestockSubscriptions,
  AdminListShipments,
  AdminRestockDemand,
  AdminFixInventoryFinding,
  AdminListInventoryFindings,
  AdminListJobItems,
  AdminRetryJobItems,
  AdminListAuthorizationWarnings,
  AdminListAutopilotJobChanges,
  AdminListPaymentRecoveries,
  AdminListAutopilotJobRuns,
  AdminRunAutopilotJob,
  AdminCancelAutopilotRun,
  AdminRemindLeadNow,
  AdminUpdateAutopilotJob,
  AdminListCartLeads,
} from "./validators"
import { adminMessagesMiddlewares } from "./messages/middlewares"

/**
 * Validates a list route's query string. These routes page through the
 * module's service (`take`/`skip` from the validated `limit`/`offset`, whose
 * zod defaults are the page sizes) and never Query, so no Query config
 * (`isList`, `defaults`, `defaultLimit`, `fields`) is set: it would only
 * build a `req.queryConfig` nothing reads.
 */
const query = (schema: Parameters<typeof validateAndTransformQuery>[0]) =>
  validateAndTransformQuery(schema, {})

/** Small JSON bodies only: nothing here needs more than a few kilobytes. */
const BODY_LIMIT = { sizeLimit: "64kb" }

export const adminAutopilotMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/autopilot/jobs/:name",
    bodyParser: BODY_LIMIT,
    middlewares: [validateAndTransformBody(AdminUpdateAutopilotJob)],
  },
  {
    method: ["POST"],
    matcher: "/admin/autopilot/jobs/:name/run",
    bodyParser: BODY_LIMIT,
    middlewares: [validateAndTransformBody(AdminRunAutopilotJob)],
  },
  {
    method: ["POST"],
    matcher: "/admin/autopilot/leads/:id/remind",
    bodyParser: BODY_LIMIT,
    middlewares: [validateAndTransformBody(AdminRemindLeadNow)],
  },
  {
    method: ["POST"],
    matcher: "/admin/autopilot/runs/:id/cancel",
    bodyParser: BODY_LIMIT,
    middlewares: [validateAndTransformBody(AdminCancelAutopilotRun)],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/jobs/:name/runs",
    middlewares: [query(AdminListAutopilotJobRuns)],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/jobs/:name/changes",
    middlewares: [query(AdminListAutopilotJobChanges)],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/payment-recoveries",
    middlewares: [query(AdminListPaymentRecoveries)],
  },
  {
    method: ["POST"],
    matcher: "/admin/autopilot/payment-recoveries/:id/dismiss",
    bodyParser: BODY_LIMIT,
    middlewares: [validateAndTransformBody(AdminDismissPaymentRecovery)],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/authorization-warnings",
    middlewares: [query(AdminListAuthorizationWarnings)],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/jobs/:name/items",
    middlewares: [query(AdminListJobItems)],
  },
  {
    method: ["POST"],
    matcher: "/admin/autopilot/jobs/:name/items/retry",
    bodyParser: BODY_LIMIT,
    middlewares: [validateAndTransformBody(AdminRetryJobItems)],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/inventory-findings",
    middlewares: [query(AdminListInventoryFindings)],
  },
  {
    method: ["POST"],
    matcher: "/admin/autopilot/inventory-findings/:id/fix",
    bodyParser: BODY_LIMIT,
    middlewares: [validateAndTransformBody(AdminFixInventoryFinding)],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/restock-subscriptions",
    middlewares: [query(AdminListRestockSubscriptions)],
  },
  {
    method: ["POST"],
    matcher: "/admin/autopilot/restock-subscriptions/search",
    bodyParser: BODY_LIMIT,
    middlewares: [validateAndTransformBody(AdminListRestockSubscriptions)],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/restock-demand",
    middlewares: [query(AdminRestockDemand)],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/leads",
    middlewares: [query(AdminListCartLeads)],
  },
  {
    method: ["POST"],
    matcher: "/admin/autopilot/leads/search",
    bodyParser: BODY_LIMIT,
    middlewares: [validateAndTransformBody(AdminListCartLeads)],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/shipments",
    middlewares: [query(AdminListShipments)],
  },
  ...adminMessagesMiddlewares,
]
