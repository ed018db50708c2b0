import type { MiddlewareRoute } from "@medusajs/framework/http"

export const trackingWebhookMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/hooks/autopilot/tracking/:provider",
    // Signatures are computed over the exact bytes received.
    bodyParser: { preserveRawBody: true, sizeLimit: "1mb" },
    middlewares: [],
  },
]
