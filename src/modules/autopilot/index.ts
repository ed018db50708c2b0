import { Module } from "@medusajs/framework/utils"
import validateOptionsLoader from "./loaders/validate-options"
import AutopilotModuleService from "./service"

/** The key under which the module's service is registered in the container. */
export const AUTOPILOT_MODULE = "autopilot"

export default Module(AUTOPILOT_MODULE, {
  service: AutopilotModuleService,
  loaders: [validateOptionsLoader],
})

export type { AutopilotModuleService }
export {
  type AutopilotOptions,
  type AutopilotPluginOptions,
  AutopilotOptionsError,
  parseAutopilotOptions,
} from "./options"
