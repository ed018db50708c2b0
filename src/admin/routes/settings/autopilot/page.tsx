import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Bolt } from "@medusajs/icons"
import {
  Alert,
  Container,
  Heading,
  StatusBadge,
  Table,
  Text,
} from "@medusajs/ui"
import { Link } from "react-router-dom"
import {
  formatDateTime,
  formatSchedule,
  jobState,
  plural,
  relativeTime,
  scheduleCode,
} from "../../../components/format"
import { runStatusText } from "../../../components/run-history"
import { JobActions } from "../../../components/job-actions"
import { JobSwitch } from "../../../components/job-switch"
import { ReadinessBadge } from "../../../components/form/readiness"
import { OverviewSection } from "../../../components/overview/overview-section"
import { ProgressBar } from "../../../components/progress-bar"
import { UnconfirmedSends } from "../../../components/unconfirmed-sends"
import { useAutopilotJobs } from "../../../hooks/api/autopilot"
import type { JobView } from "../../../../types"

const LastRun = ({ job }: { job: JobView }) => {
  const run = job.last_run
  if (!run) return <Text size="small">Never</Text>
  const failed = run.counters.failed
    ? `, ${plural(run.counters.failed, "item")} failed`
    : ""
  const changed =
    run.description?.outcome ??
    `${run.dry_run ? "Would change" : "Changed"} ${plural(run.counters.changed, "item")}`
  return (
    <div className="flex flex-col">
      <Text
        size="small"
        title={formatDateTime(run.finished_at ?? run.created_at)}
      >
        {relativeTime(run.finished_at ?? run.created_at)}
      </Text>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {runStatusText(run)}
        {failed} · {changed}
      </Text>
    </div>
  )
}

const JobRow = ({ job }: { job: JobView }) => {
  const state = jobState(job)
  return (
    <Table.Row data-testid={`autopilot-job-${job.name}`}>
      <Table.Cell>
        <div className="flex flex-col py-2">
          <Link
            to={`/settings/autopilot/${job.name}`}
            className="txt-compact-small-plus text-ui-fg-base hover:underline"
          >
            {job.title}
          </Link>
          <Text
            size="xsmall"
            className="text-ui-fg-subtle"
            data-testid="autopilot-job-schedule"
          >
            Runs {formatSchedule(job.schedule)}
            {scheduleCode(job.schedule) && (
              <span className="font-mono text-ui-fg-muted">
                {" "}
                ({scheduleCode(job.schedule)})
              </span>
            )}
          </Text>
          {!job.enabled && job.paused_reason && (
            <Text size="xsmall" className="text-ui-fg-error">
              Autopilot {job.paused_reason}
            </Text>
          )}
          {job.items.failing + job.items.given_up > 0 && (
            <Text size="xsmall" className="text-ui-fg-subtle">
              {plural(job.items.failing, "item")} retrying, {job.items.given_up}{" "}
              given up
            </Text>
          )}
          {job.stale && (
            <Text size="xsmall" className="text-ui-fg-error">
              No success since{" "}
              {relativeTime(job.last_success_at ?? job.updated_at)}
            </Text>
          )}
          {job.readiness && !job.readiness.ready && (
            <Text size="xsmall" className="text-ui-fg-subtle">
              {job.readiness.missing.map((m) => m.message).join(" · ")}
            </Text>
          )}
        </div>
      </Table.Cell>
      <Table.Cell>
        <div className="flex flex-col gap-y-1">
          <StatusBadge color={state.color}>{state.label}</StatusBadge>
          <ReadinessBadge job={job} />
          {job.current_run?.status === "running" && (
            <ProgressBar run={job.current_run} />
          )}
        </div>
      </Table.Cell>
      <Table.Cell>
        <JobSwitch job={job} />
      </Table.Cell>
      <Table.Cell>
        <LastRun job={job} />
      </Table.Cell>
      <Table.Cell>
        <Text size="small" title={formatDateTime(job.next_run_at)}>
          {relativeTime(job.next_run_at)}
        </Text>
      </Table.Cell>
      <Table.Cell>
        <JobActions job={job} />
      </Table.Cell>
    </Table.Row>
  )
}

const AutopilotPage = () => {
  const { data, isLoading, error } = useAutopilotJobs()
  const staleJobs = data?.jobs.filter((j) => j.stale) ?? []
  return (
    <Container className="divide-y p-0">
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Heading level="h1">Autopilot</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Background jobs of medusa-plugin-autopilot. Switches are stored and
          hold across restarts and instances.
        </Text>
        <Text size="small" className="flex gap-x-4">
          <Link
            to="/settings/autopilot/messages"
            className="text-ui-fg-interactive hover:underline"
          >
            Messages
          </Link>
          <Link
            to="/settings/autopilot/people"
            className="text-ui-fg-interactive hover:underline"
          >
            Personal data requests
          </Link>
        </Text>
      </div>
      <OverviewSection />
      {data && !data.notification.served && (
        <div className="px-6 py-4">
          <Alert variant="error" data-testid="autopilot-unserved-channel">
            No notification provider serves the "{data.notification.channel}"
            channel: jobs that send messages will record every send as failed.
            Add a provider for it to the Notification module.
          </Alert>
        </div>
      )}
      {staleJobs.length > 0 && (
        <div className="px-6 py-4">
          <Alert variant="warning" data-testid="autopilot-stale">
            Not succeeding as scheduled:{" "}
            {staleJobs.map((j) => j.title).join(", ")}
          </Alert>
        </div>
      )}
      <UnconfirmedSends />
      {error && (
        <div className="px-6 py-4">
          <Alert variant="error">{error.message}</Alert>
        </div>
      )}
      {isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Job</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>On</Table.HeaderCell>
              <Table.HeaderCell>Last run</Table.HeaderCell>
              <Table.HeaderCell>Next run</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data?.jobs.map((job) => (
              <JobRow key={job.name} job={job} />
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Autopilot",
  icon: Bolt,
})

export default AutopilotPage
