import type { JobName } from "../catalog/jobs"
import { cartPruningJob } from "../workflows/carts/pruning/job"
import { cartRemindersJob } from "../workflows/carts/reminders-job"
import { inventoryReconciliationJob } from "../workflows/inventory/reconciliation/job"
import { paymentRecoveryJob } from "../workflows/payment-recovery/job"
import { restockAlertsJob } from "../workflows/restock/job"
import { stockFeedSyncJob } from "../workflows/inventory/stock-feed/job"
import type { JobHandler } from "./types"

/**
 * What one run of each job does. A job whose feature has not landed yet is
 * registered with a handler that only says so.
 */
const HANDLERS: Partial<Record<JobName, JobHandler>> = {
  "payment-recovery": paymentRecoveryJob,
  "restock-alerts": restockAlertsJob,
  "stock-feed-sync": stockFeedSyncJob,
  "inventory-reconciliation": inventoryReconciliationJob,
  "cart-pruning": cartPruningJob,
  "cart-reminders": cartRemindersJob,
}

const notYetImplemented: JobHandler = async (ctx) => {
  ctx.note(`${ctx.jobName} does nothing yet in this version of the plugin`)
}

const overrides = new Map<JobName, JobHandler>()

export function getJobHandler(name: JobName): JobHandler {
  return overrides.get(name) ?? HANDLERS[name] ?? notYetImplemented
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
