import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AutopilotEvents } from "../runtime/events"
import { executeRun } from "../features"

/**
 * Runs a queued "run now" request at once. A `server`-mode instance leaves
 * it to a worker: workers run jobs, and pick up queued runs on their next
 * tick even if this event is lost.
 */
export default async function jobRunRequested({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  if (config.projectConfig.workerMode === "server") return
  await executeRun(container, event.data.id)
}

export const config: SubscriberConfig = {
  event: AutopilotEvents.JOB_RUN_REQUESTED,
  context: { subscriberId: "autopilot-job-run-requested" },
}
