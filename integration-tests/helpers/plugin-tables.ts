import * as models from "../../src/modules/autopilot/models"

/**
 * The tables the module's models define (DML names them after the model:
 * `AutopilotJobRun` → `autopilot_job_run`), sorted: what migrations must
 * have created.
 */
export const PLUGIN_TABLES = Object.values(models)
  .map((m) =>
    (m as { name: string }).name
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .toLowerCase()
  )
  .sort()
