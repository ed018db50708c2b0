import {
  Alert,
  Button,
  Container,
  Heading,
  Input,
  Label,
  StatusBadge,
  Text,
  toast,
} from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import {
  formatDateTime,
  formatSchedule,
  jobState,
  relativeTime,
  scheduleCode,
} from "../../../../components/format"
import { JobActions } from "../../../../components/job-actions"
import { JobSwitch } from "../../../../components/job-switch"
import { ReadinessBadge } from "../../../../components/form/readiness"
import { FailingItems } from "../../../../components/failing-items"
import { CartLeads } from "../../../../components/cart-leads"
import { FeedDiff } from "../../../../components/feed-diff"
import { InventoryFindings } from "../../../../components/inventory-findings"
import { OptionsForm } from "../../../../components/options-form"
import { PaymentRecoveries } from "../../../../components/payment-recoveries"
import { TrackedShipments } from "../../../../components/tracked-shipments"
import { ProgressBar } from "../../../../components/progress-bar"
import { RunHistory } from "../../../../components/run-history"
import {
  useAutopilotJob,
  useUpdateAutopilotJob,
} from "../../../../hooks/api/autopilot"
import type { JobView } from "../../../../../types"

const Pause = ({ job }: { job: JobView }) => {
  const [until, setUntil] = useState("")
  const update = useUpdateAutopilotJob(job.name, {
    onError: (e) => toast.error(e.message),
  })
  const paused = job.paused_until && new Date(job.paused_until) > new Date()
  if (paused) {
    return (
      <div className="flex items-center gap-x-2">
        <Text size="small">
          Paused until {formatDateTime(job.paused_until)}
          {job.paused_reason ? ` — ${job.paused_reason}` : ""}
        </Text>
        <Button
          size="small"
          variant="secondary"
          onClick={() => update.mutate({ paused_until: null })}
        >
          Resume
        </Button>
      </div>
    )
  }
  return (
    <div className="flex items-end gap-x-2">
      <div className="flex flex-col gap-y-1">
        <Label htmlFor="autopilot-pause" size="xsmall">
          Pause until
        </Label>
        <Input
          id="autopilot-pause"
          type="datetime-local"
          size="small"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
        />
      </div>
      <Button
        size="small"
        variant="secondary"
        disabled={!until}
        onClick={() =>
          update.mutate({ paused_until: new Date(until).toISOString() })
        }
      >
        Pause
      </Button>
    </div>
  )
}

const JobPage = () => {
  const { name = "" } = useParams()
  const { data, error } = useAutopilotJob(name)
  const job = data?.job
  if (error) {
    return (
      <Container>
        <Alert variant="error">{error.message}</Alert>
      </Container>
    )
  }
  if (!job) return <Container>Loading…</Container>
  const state = jobState(job)
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-col gap-y-4">
        <Link to="/settings/autopilot" className="txt-small text-ui-fg-subtle">
          ← Autopilot
        </Link>
        <div className="flex items-start justify-between gap-x-4">
          <div className="flex flex-col gap-y-1">
            <div className="flex items-center gap-x-2">
              <Heading level="h1">{job.title}</Heading>
              <StatusBadge color={state.color}>{state.label}</StatusBadge>
              <ReadinessBadge job={job} />
            </div>
            <Text size="small" className="text-ui-fg-subtle">
              {job.description}
            </Text>
            <Text
              size="xsmall"
              className="text-ui-fg-muted"
              data-testid="autopilot-job-schedule"
            >
              Runs {formatSchedule(job.schedule)}
              {scheduleCode(job.schedule) && (
                <span className="font-mono">
                  {" "}
                  ({scheduleCode(job.schedule)})
                </span>
              )}
              {" · "}
              <span title={formatDateTime(job.next_run_at)}>
                next run {relativeTime(job.next_run_at)}
              </span>
              {" · "}
              <span title={formatDateTime(job.last_success_at)}>
                {job.last_success_at
                  ? `last success ${relativeTime(job.last_success_at)}`
                  : "no success yet"}
              </span>
            </Text>
          </div>
          <JobSwitch job={job} />
        </div>
        {!job.enabled && job.paused_reason && (
          <Alert variant="error" data-testid="autopilot-auto-paused">
            Autopilot {job.paused_reason}. Switch the job back on once the cause
            is fixed.
          </Alert>
        )}
        {job.stale && (
          <Alert variant="warning">
            This job has not succeeded for more than twice its interval
            {job.consecutive_failures
              ? ` (${job.consecutive_failures} failed runs in a row)`
              : ""}
            .
          </Alert>
        )}
        <div className="flex items-center justify-between">
          <JobActions job={job} />
          {job.current_run?.status === "running" && (
            <ProgressBar run={job.current_run} />
          )}
        </div>
        <Pause job={job} />
      </Container>
      <Container className="flex flex-col gap-y-4">
        <Heading level="h2">Settings</Heading>
        <OptionsForm job={job} />
      </Container>
      {job.name === "stock-feed-sync" && (
        <Container className="flex flex-col gap-y-4">
          <Heading level="h2">Last feed diff</Heading>
          <FeedDiff name={job.name} />
        </Container>
      )}
      {job.name === "inventory-reconciliation" && (
        <Container className="flex flex-col gap-y-4">
          <Heading level="h2">Findings</Heading>
          <InventoryFindings />
        </Container>
      )}
      {job.name === "cart-reminders" && (
        <Container className="flex flex-col gap-y-4">
          <Heading level="h2">Leads</Heading>
          <CartLeads />
        </Container>
      )}
      {job.name === "shipment-tracking" && (
        <Container className="flex flex-col gap-y-4">
          <Heading level="h2">Parcels followed</Heading>
          <TrackedShipments />
        </Container>
      )}
      {job.name === "payment-recovery" && (
        <Container className="flex flex-col gap-y-4">
          <Heading level="h2">Payments followed</Heading>
          <PaymentRecoveries />
        </Container>
      )}
      <Container className="flex flex-col gap-y-4">
        <Heading level="h2">
          Failing items
          {job.items.failing + job.items.given_up > 0
            ? ` (${job.items.failing} retrying, ${job.items.given_up} given up)`
            : ""}
        </Heading>
        <FailingItems name={job.name} />
      </Container>
      <Container className="flex flex-col gap-y-4">
        <Heading level="h2">Run history</Heading>
        <RunHistory name={job.name} live={!!job.current_run} />
      </Container>
    </div>
  )
}

export default JobPage
