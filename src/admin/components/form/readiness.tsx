import { Alert, Button, StatusBadge, Text } from "@medusajs/ui"
import type { JobView } from "../../../types"
import { focusField } from "./values"

/** "Needs setup" beside a job that cannot work yet. */
export const ReadinessBadge = ({ job }: { job: JobView }) =>
  job.readiness && !job.readiness.ready ? (
    <StatusBadge
      color="orange"
      data-testid={`autopilot-needs-setup-${job.name}`}
    >
      Needs setup
    </StatusBadge>
  ) : null

/** What a job still needs, each a link to its field in the settings form. */
export const ReadinessNotice = ({ job }: { job: JobView }) => {
  if (!job.readiness || job.readiness.ready) return null
  return (
    <Alert variant="warning" data-testid="autopilot-readiness">
      <div className="flex flex-col gap-y-1">
        <Text size="small" weight="plus">
          Needs setup before it can be switched on
        </Text>
        <ul className="flex flex-col gap-y-1">
          {job.readiness.missing.map((item) => (
            <li key={item.path} className="flex items-center gap-x-2">
              <Text size="small">{item.message}</Text>
              <Button
                size="small"
                variant="transparent"
                type="button"
                onClick={() => focusField(item.path)}
              >
                Go to the setting
              </Button>
            </li>
          ))}
        </ul>
      </div>
    </Alert>
  )
}
