import type { AutopilotPluginOptions } from "../../src/modules/autopilot/options"

/**
 * Sets the plugin options the next Medusa boot in this process reads (through
 * `medusa-config.ts`). Call it at the top of a spec file, before the runner:
 * the runner loads the config before it applies its own `env`. Every spec
 * sets its options, since env survives between files under --runInBand.
 */
export function setPluginOptions(options: AutopilotPluginOptions = {}): void {
  process.env.AUTOPILOT_OPTIONS = JSON.stringify(options)
}
