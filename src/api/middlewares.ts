import { defineMiddlewares } from "@medusajs/framework/http"
import { adminAutopilotMiddlewares } from "./admin/autopilot/middlewares"
import { adminCustomerActivityMiddlewares } from "./admin/autopilot/customers/middlewares"
import { adminOverviewMiddlewares } from "./admin/autopilot/overview/middlewares"
import { adminPeopleMiddlewares } from "./admin/autopilot/people/middlewares"
import { adminProductRestockMiddlewares } from "./admin/autopilot/products/middlewares"
import { trackingWebhookMiddlewares } from "./hooks/autopilot/middlewares"
import { storeAutopilotMiddlewares } from "./store/autopilot/middlewares"
import { storeShipmentMiddlewares } from "./store/autopilot/shipments/middlewares"
import { restockSubscriptionMiddlewares } from "./store/restock-subscriptions/middlewares"

export default defineMiddlewares({
  routes: [
    ...adminAutopilotMiddlewares,
    ...adminOverviewMiddlewares,
    ...adminCustomerActivityMiddlewares,
    ...adminProductRestockMiddlewares,
    ...adminPeopleMiddlewares,
    ...restockSubscriptionMiddlewares,
    ...storeAutopilotMiddlewares,
    ...storeShipmentMiddlewares,
    ...trackingWebhookMiddlewares,
  ],
})
