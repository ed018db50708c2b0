import type { MedusaContainer } from "@medusajs/framework/types"
import type { JobName } from "../../src/catalog/jobs"
import { executeRun } from "../../src/runtime/runner"
import { autopilotService } from "../../src/runtime/settings"

/** Runs a job once, as "run now" would, and returns the finished run record. */
export async function runJob(
  container: MedusaContainer,
  name: JobName,
  { dryRun = false } = {}
) {
  const service = autopilotService(container)
  const run = await service.createJobRuns({
    job_name: name,
    trigger: "manual",
    dry_run: dryRun,
    status: "queued",
  })
  await executeRun(container, run.id)
  return service.retrieveJobRun(run.id)
}
