import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type { RunCancelOutcome } from "../../../types"

/**
 * Moves a queued run to `running` for one caller only, in one statement:
 * true when this call moved it, false when another process claimed it first
 * (or it is no longer queued).
 */
export async function claimQueuedRun(
  manager: SqlEntityManager,
  runId: string,
  instance: string,
  at: Date
): Promise<boolean> {
  const rows = await manager.execute(
    `update autopilot_job_run
        set status = 'running', started_at = ?, heartbeat_at = ?, instance = ?, updated_at = now()
      where id = ? and status = 'queued' and deleted_at is null
      returning id`,
    [at, at, instance, runId]
  )
  return rows.length > 0
}

export type CancelOutcome = RunCancelOutcome | "finished" | "not_found"

/**
 * Asks a run to stop, in one statement each way: a queued run becomes
 * `canceled` at once (no worker can claim it after: claiming needs
 * `queued`); a running one gets `cancel_requested_at`, which its process
 * reads between batches. Asking again is harmless ("stopping"); a run that
 * already ended is "finished".
 */
export async function requestRunCancel(
  manager: SqlEntityManager,
  runId: string,
  actor: string | null,
  at: Date
): Promise<CancelOutcome> {
  const canceled = await manager.execute(
    `update autopilot_job_run
        set status = 'canceled', finished_at = ?, cancel_requested_at = ?,
            canceled_by = ?, error = 'canceled before it started', updated_at = now()
      where id = ? and status = 'queued' and deleted_at is null
      returning id`,
    [at, at, actor, runId]
  )
  if (canceled.length) return "canceled"
  const stopping = await manager.execute(
    `update autopilot_job_run
        set cancel_requested_at = coalesce(cancel_requested_at, ?),
            canceled_by = coalesce(canceled_by, ?), updated_at = now()
      where id = ? and status = 'running' and deleted_at is null
      returning id`,
    [at, actor, runId]
  )
  if (stopping.length) return "stopping"
  const found = await manager.execute(
    `select status from autopilot_job_run where id = ? and deleted_at is null`,
    [runId]
  )
  return found.length ? "finished" : "not_found"
}

/**
 * Deletes finished runs of a job beyond the newest `keep`, never touching
 * queued or running runs nor the ids in `protect` (last success/failure).
 * Returns how many were deleted.
 */
export async function pruneJobRuns(
  manager: SqlEntityManager,
  jobName: string,
  keep: number,
  protect: string[]
): Promise<number> {
  // The newest `keep` rows are found through the (job_name, created_at)
  // index; only rows past them are deleted.
  const kept = protect.length
    ? `and id not in (${protect.map(() => "?").join(", ")})`
    : ""
  const rows = await manager.execute(
    `delete from autopilot_job_run
      where job_name = ?
        and status not in ('queued', 'running')
        ${kept}
        and id not in (
          select id from autopilot_job_run
           where job_name = ? and deleted_at is null
           order by created_at desc, id desc
           limit ?)
      returning id`,
    [jobName, ...protect, jobName, keep]
  )
  return rows.length
}
