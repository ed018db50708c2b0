import { MedusaService } from "@medusajs/framework/utils"
import { JobRun, JobSetting, JobSettingChange } from "./models"
import { type AutopilotOptions, parseAutopilotOptions } from "./options"

/**
 * The `autopilot` module's service: the plugin's own tables, and the
 * validated plugin options. In Medusa v2 plugin options reach only the
 * plugin's modules, so jobs, routes and subscribers read them from here.
 */
export default class AutopilotModuleService extends MedusaService({
  JobSetting,
  JobRun,
  JobSettingChange,
}) {
  protected readonly options_: AutopilotOptions

  constructor(
    _container: Record<string, unknown>,
    options?: Record<string, unknown>
  ) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseAutopilotOptions(options)
  }

  /** The plugin options after validation, with every default filled in. */
  async getOptions(): Promise<AutopilotOptions> {
    return this.options_
  }
}
