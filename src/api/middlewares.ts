import { defineMiddlewares } from "@medusajs/framework/http"
import { adminAutopilotMiddlewares } from "./admin/autopilot/middlewares"

export default defineMiddlewares({
  routes: [...adminAutopilotMiddlewares],
})
