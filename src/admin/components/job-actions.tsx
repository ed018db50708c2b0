import { Button, toast } from "@medusajs/ui"
import { useRunAutopilotJob } from "../hooks/api/autopilot"
import type { JobView } from "../../types"

/** "Run now" and "Dry run" for one job. */
export const JobActions = ({ job }: { job: JobView }) => {
  const run = useRunAutopilotJob(job.name, {
    onSuccess: ({ run }) =>
      toast.success(
        run.dry_run ? `Dry run of ${job.title} queued` : `${job.title} queued`
      ),
    onError: (e) =>
      toast.error(
        /conflict/i.test(e.message)
          ? `${job.title} is already running`
          : e.message
      ),
  })
  const busy = run.isPending || !!job.current_run
  return (
    <div className="flex items-center gap-x-2">
      <Button
        size="small"
        variant="secondary"
        disabled={busy || !job.enabled}
        isLoading={run.isPending && run.variables?.dry_run === false}
        onClick={() => run.mutate({ dry_run: false })}
        data-testid={`autopilot-run-${job.name}`}
      >
        Run now
      </Button>
      <Button
        size="small"
        variant="transparent"
        disabled={busy}
        isLoading={run.isPending && run.variables?.dry_run === true}
        onClick={() => run.mutate({ dry_run: true })}
        data-testid={`autopilot-dry-run-${job.name}`}
      >
        Dry run
      </Button>
    </div>
  )
}
