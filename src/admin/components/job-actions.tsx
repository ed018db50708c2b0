import { Button, toast, usePrompt } from "@medusajs/ui"
import { useRunAutopilotJob } from "../hooks/api/autopilot"
import type { JobView } from "../../types"

/**
 * The question a real run asks first, for the jobs whose run deletes data
 * a merchant cannot get back.
 */
const RUN_QUESTIONS: Record<string, { title: string; description: string }> = {
  "cart-pruning": {
    title: "Delete old carts now?",
    description:
      "Carts untouched for longer than the lifetimes in the settings are deleted for good (carts with an email are kept as leads first). A dry run shows what would go without deleting anything.",
  },
}

/** "Run now" and "Dry run" for one job. */
export const JobActions = ({ job }: { job: JobView }) => {
  const prompt = usePrompt()
  const run = useRunAutopilotJob(job.name, {
    onSuccess: ({ run }) =>
      toast.success(
        run.dry_run
          ? `Dry run of ${job.title} started: nothing will be changed`
          : `${job.title} started: the result appears in the run history`
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
        onClick={async () => {
          const question = RUN_QUESTIONS[job.name]
          if (
            question &&
            !(await prompt({
              ...question,
              confirmText: "Run now",
              cancelText: "Cancel",
            }))
          ) {
            return
          }
          run.mutate({ dry_run: false })
        }}
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
