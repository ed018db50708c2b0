import { MedusaError } from "@medusajs/framework/utils"
import type { JobName } from "../catalog/jobs"
import type { JobHandler } from "./types"

/**
 * What one run of each job does. The runtime knows no job: the composition
 * root (`src/features/index.ts`) hands it every handler with
 * `registerJobHandlers`, and the entry points Medusa loads (scheduled jobs,
 * the run-now subscriber) import that root.
 */
const handlers = new Map<JobName, JobHandler>()
const overrides = new Map<JobName, JobHandler>()

export function registerJobHandlers(
  all: Readonly<Record<JobName, JobHandler>>
): void {
  for (const [name, handler] of Object.entries(all)) {
    handlers.set(name as JobName, handler)
  }
}

export function getJobHandler(name: JobName): JobHandler {
  const handler = overrides.get(name) ?? handlers.get(name)
  if (!handler) {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `no handler is registered for the job "${name}" (the composition root src/features/index.ts registers them)`
    )
  }
  return handler
}

/**
 * Replaces a job's handler in this process, or restores it with `undefined`.
 * For tests of the runtime itself (locks, history, progress), which need a
 * job whose duration and outcome they control.
 */
export function overrideJobHandler(
  name: JobName,
  handler: JobHandler | undefined
): void {
  if (handler) {
    overrides.set(name, handler)
  } else {
    overrides.delete(name)
  }
}
