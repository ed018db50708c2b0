import {
  type MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  AdminDismissPaymentRecovery,
  AdminListRestockSubscriptions,
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
  AdminUpdateAutopilotJob,
  AdminListCartLeads,
} from "./validators"

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
    method: ["GET"],
    matcher: "/admin/autopilot/jobs/:name/runs",
    middlewares: [
      validateAndTransformQuery(AdminListAutopilotJobRuns, {
        isList: true,
        defaults: ["id"],
        defaultLimit: 20,
      }),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/jobs/:name/changes",
    middlewares: [
      validateAndTransformQuery(AdminListAutopilotJobChanges, {
        isList: true,
        defaults: ["id"],
        defaultLimit: 20,
      }),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/payment-recoveries",
    middlewares: [
      validateAndTransformQuery(AdminListPaymentRecoveries, {
        isList: true,
        defaults: ["id"],
        defaultLimit: 20,
      }),
    ],
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
    middlewares: [
      validateAndTransformQuery(AdminListAuthorizationWarnings, {
        isList: true,
        defaults: ["id"],
        defaultLimit: 20,
      }),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/jobs/:name/items",
    middlewares: [
      validateAndTransformQuery(AdminListJobItems, {
        isList: true,
        defaults: ["id"],
        defaultLimit: 20,
      }),
    ],
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
    middlewares: [
      validateAndTransformQuery(AdminListInventoryFindings, {
        isList: true,
        defaults: ["id"],
        defaultLimit: 20,
      }),
    ],
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
    middlewares: [
      validateAndTransformQuery(AdminListRestockSubscriptions, {
        isList: true,
        defaults: ["id"],
        defaultLimit: 20,
      }),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/restock-demand",
    middlewares: [
      validateAndTransformQuery(AdminRestockDemand, {
        isList: true,
        defaults: ["id"],
        defaultLimit: 50,
      }),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/autopilot/leads",
    middlewares: [
      validateAndTransformQuery(AdminListCartLeads, {
        isList: true,
        defaults: ["id"],
        defaultLimit: 20,
      }),
    ],
  },
]
