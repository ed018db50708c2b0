import { Switch, toast } from "@medusajs/ui"
import { useNavigate } from "react-router-dom"
import { useUpdateAutopilotJob } from "../hooks/api/autopilot"
import type { JobView } from "../../types"
import { focusField } from "./form/values"

/**
 * The job's on/off switch, stored in the plugin's table. Switching on a job
 * that needs setup is refused by the server; the merchant is then taken to
 * the first missing setting (on the job's page).
 */
export const JobSwitch = ({ job }: { job: JobView }) => {
  const navigate = useNavigate()
  const update = useUpdateAutopilotJob(job.name, {
    onSuccess: ({ job }) =>
      toast.success(`${job.title} switched ${job.enabled ? "on" : "off"}`),
    onError: (e, body) => {
      toast.error(e.message)
      const missing = job.readiness?.missing[0]
      if (body.enabled && missing && !focusField(missing.path)) {
        navigate(
          `/settings/autopilot/${job.name}?setup=${encodeURIComponent(missing.path)}`
        )
      }
    },
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
