import type { JobName, JobOptions } from "../catalog/jobs"
import { registerJobHandlers } from "../runtime/registry"
import type { JobHandler } from "../runtime/types"
import { cartPruningJob } from "./cart-pruning/job"
import { cartRemindersJob } from "./cart-reminders/job"
import { inventoryReconciliationJob } from "./inventory-reconciliation/job"
import { paymentRecoveryJob } from "./payment-recovery/job"
import { restockAlertsJob } from "./restock-alerts/job"
import { shipmentTrackingJob } from "./shipment-tracking/job"
import { stockFeedSyncJob } from "./stock-feed-sync/job"

/**
 * The composition root: every job's handler, handed to the runtime (which
 * knows no job). Medusa's entry points (`src/jobs/*`, the run-now
 * subscriber) import from here, so the handlers are registered in every
 * process that runs jobs.
 */
export const JOB_HANDLERS: { [N in JobName]: JobHandler<JobOptions<N>> } = {
  "payment-recovery": paymentRecoveryJob,
  "shipment-tracking": shipmentTrackingJob,
  "restock-alerts": restockAlertsJob,
  "cart-reminders": cartRemindersJob,
  "cart-pruning": cartPruningJob,
  "inventory-reconciliation": inventoryReconciliationJob,
  "stock-feed-sync": stockFeedSyncJob,
}

// Each handler gets the options of its own job (the runtime validates them
// against the same catalog schema), so the narrowing is sound.
registerJobHandlers(JOB_HANDLERS as Record<JobName, JobHandler>)

export { executeRun } from "../runtime/runner"
export { jobTicker } from "../runtime/scheduler"
