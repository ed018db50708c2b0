import type { LoaderOptions } from "@medusajs/framework/types"
import { parseAutopilotOptions } from "../options"

/**
 * Validates the plugin options when Medusa loads the module, so a wrong
 * option stops start-up with a message naming the option and what is
 * expected, instead of failing later inside a job.
 */
export default async function validateOptionsLoader({
  options,
}: LoaderOptions<Record<string, unknown>>): Promise<void> {
  parseAutopilotOptions(options)
}
