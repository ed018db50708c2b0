import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import SandboxPaymentProviderService from "./service"

/**
 * The sandbox payment provider (`pp_autopilot-sandbox_<id>`), for the demo
 * shop and the tests only. Not for production: it talks to a local sandbox
 * server that stands in for a real provider.
 */
export default ModuleProvider(Modules.PAYMENT, {
  services: [SandboxPaymentProviderService],
})
