import { Switch, toast } from "@medusajs/ui"
import { useUpdateAutopilotJob } from "../hooks/api/autopilot"
import type { JobView } from "../../types"

/** The job's on/off switch, stored in the plugin's table. */
export const JobSwitch = ({ job }: { job: JobView }) => {
  const update = useUpdateAutopilotJob(job.name, {
    onSuccess: ({ job }) =>
      toast.success(`${job.title} switched ${job.enabled ? "on" : "off"}`),
    onError: (e) => toast.error(e.message),
  })
  return (
    <Switch
      checked={update.isPending ? !!update.variables?.enabled : job.enabled}
      disabled={update.isPending}
      onCheckedChange={(enabled) => update.mutate({ enabled })}
      aria-label={`Switch ${job.title} on or off`}
      data-testid={`autopilot-switch-${job.name}`}
    />
  )
}
