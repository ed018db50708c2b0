import {
  Button,
  StatusBadge,
  Table,
  Text,
  toast,
  usePrompt,
} from "@medusajs/ui"
import { Fragment, useState } from "react"
import { useAutopilotRuns, useCancelAutopilotRun } from "../hooks/api/autopilot"
import type { RunView } from "../../types"
import { EntityLink, WithDetail } from "./entity-link"
import {
  formatDateTime,
  formatDuration,
  plural,
  relativeTime,
  runColor,
} from "./format"
import { RunsChart } from "./runs-chart"

const PAGE = 20

const STATUS: Record<RunView["status"], string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  canceled: "Canceled",
}

/** "Succeeded", "Dry run · Succeeded". */
export function runStatusText(run: RunView): string {
  return `${run.dry_run ? "Dry run · " : ""}${STATUS[run.status] ?? run.status}`
}

/** How a run was started, in words, without the API's own codes. */
function triggerText(run: RunView): string {
  if (run.description) return run.description.trigger
  switch (run.trigger) {
    case "schedule":
      return "Scheduled"
    case "catch_up":
      return "Catch-up of a missed slot"
    case "api":
      return "Run through the API"
    default:
      return "Run from the admin"
  }
}

/** The counter cell: on a dry run, what it would change. */
function changedText(run: RunView): string {
  const n = run.counters.changed
  return run.dry_run ? (n ? `would change ${n}` : "—") : String(n)
}

const RunLines = ({ run }: { run: RunView }) => {
  const lines = run.description?.lines ?? []
  return (
    <>
      {lines.map((line) => (
        <Text size="small" key={line.action} data-testid="autopilot-run-line">
          {line.text}
          {line.items.length > 0 && ": "}
          {line.items.map((item, i) => (
            <Fragment key={item.id}>
              {i > 0 && ", "}
              <EntityLink label={item} />
            </Fragment>
          ))}
          {line.items.length > 0 && line.more > 0
            ? ` and ${line.more} more`
            : ""}
        </Text>
      ))}
    </>
  )
}

/** Stops a queued run at once, or a running one at the end of its batch. */
const StopRun = ({ run }: { run: RunView }) => {
  const prompt = usePrompt()
  const cancel = useCancelAutopilotRun()
  const running = run.status === "running"
  const stop = async () => {
    const ok = await prompt({
      title: running ? "Stop this run?" : "Cancel this run?",
      description: running
        ? "It stops at the end of the batch it is working on. What it did until then stays done; the next scheduled run goes on from there."
        : "It has not started yet, and will not start.",
      confirmText: running ? "Stop run" : "Cancel run",
      cancelText: "Keep it",
    })
    if (!ok) return
    cancel.mutate(run.id, {
      onSuccess: ({ outcome }) =>
        toast.success(
          outcome === "stopping"
            ? "The run stops at the end of its current batch"
            : "The run was canceled before it started"
        ),
      onError: (e) => toast.error(e.message),
    })
  }
  return (
    <div>
      <Button
        size="small"
        variant="secondary"
        isLoading={cancel.isPending}
        onClick={stop}
        data-testid="autopilot-stop-run"
      >
        {running ? "Stop run" : "Cancel run"}
      </Button>
    </div>
  )
}

const RunDetails = ({ run }: { run: RunView }) => {
  const d = run.description
  return (
    <div className="flex flex-col gap-y-2 py-2">
      {(run.status === "queued" || run.status === "running") && (
        <StopRun run={run} />
      )}
      {run.error && (
        <Text
          size="small"
          className={
            run.status === "canceled" ? "text-ui-fg-subtle" : "text-ui-fg-error"
          }
        >
          {run.error}
        </Text>
      )}
      <Text size="small" weight="plus">
        {d?.outcome ??
          (run.dry_run
            ? `Would change ${plural(run.counters.changed, "item")}`
            : `Changed ${plural(run.counters.changed, "item")}`)}
      </Text>
      <RunLines run={run} />
      {(d?.notes ?? run.summary?.notes)?.map((note) => (
        <Text size="small" key={note} className="text-ui-fg-subtle">
          {note}
        </Text>
      ))}
      {run.summary?.stopped_early && (
        <Text size="small">
          Stopped at its time budget; the next run goes on.
        </Text>
      )}
      {(d?.failures.length ?? 0) > 0 && (
        <div className="flex flex-col">
          <Text size="small" weight="plus">
            {run.dry_run ? "Would fail on" : "Failed on"}
          </Text>
          {d!.failures.map((f) => (
            <Text size="xsmall" key={f.item.id}>
              <WithDetail detail={f.item.id}>
                <EntityLink label={f.item} />
              </WithDetail>
              : {f.reason}
            </Text>
          ))}
          {run.failures.omitted > 0 && (
            <Text size="xsmall">…and {run.failures.omitted} more</Text>
          )}
        </div>
      )}
      <Text size="xsmall" className="text-ui-fg-muted">
        {d?.actor?.href ? (
          <>
            Run by <EntityLink label={d.actor} />
          </>
        ) : (
          triggerText(run)
        )}
        {" · "}
        {formatDateTime(run.started_at ?? run.created_at)}
        {run.duration_ms !== null
          ? ` · took ${formatDuration(run.duration_ms)}`
          : ""}
        {" · "}
        <WithDetail
          detail={[run.id, d?.technical ?? run.instance]
            .filter(Boolean)
            .join(" · ")}
        >
          <span className="underline decoration-dotted">technical details</span>
        </WithDetail>
      </Text>
    </div>
  )
}

/** A job's runs, newest first, with a chart of recent durations and outcomes. */
export const RunHistory = ({ name, live }: { name: string; live: boolean }) => {
  const [offset, setOffset] = useState(0)
  const [open, setOpen] = useState<string | null>(null)
  const { data } = useAutopilotRuns(name, { limit: PAGE, offset }, live)
  const runs = data?.runs ?? []
  return (
    <div className="flex flex-col gap-y-4">
      <RunsChart runs={runs} />
      <Table data-testid="autopilot-run-history">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Started</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Trigger</Table.HeaderCell>
            <Table.HeaderCell>Duration</Table.HeaderCell>
            <Table.HeaderCell>Scanned</Table.HeaderCell>
            <Table.HeaderCell>Changed</Table.HeaderCell>
            <Table.HeaderCell>Skipped</Table.HeaderCell>
            <Table.HeaderCell>Failed</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {runs.map((run) => (
            <Fragment key={run.id}>
              <Table.Row
                className="cursor-pointer"
                onClick={() => setOpen(open === run.id ? null : run.id)}
                data-testid="autopilot-run-row"
              >
                <Table.Cell>
                  <span
                    title={formatDateTime(run.started_at ?? run.created_at)}
                  >
                    {relativeTime(run.started_at ?? run.created_at)}
                  </span>
                </Table.Cell>
                <Table.Cell>
                  <StatusBadge color={runColor(run)}>
                    {runStatusText(run)}
                  </StatusBadge>
                </Table.Cell>
                <Table.Cell>{triggerText(run)}</Table.Cell>
                <Table.Cell>{formatDuration(run.duration_ms)}</Table.Cell>
                <Table.Cell>{run.counters.scanned}</Table.Cell>
                <Table.Cell>{changedText(run)}</Table.Cell>
                <Table.Cell>{run.counters.skipped}</Table.Cell>
                <Table.Cell>{run.counters.failed}</Table.Cell>
              </Table.Row>
              {open === run.id && (
                <tr>
                  <td colSpan={8} className="px-6">
                    <RunDetails run={run} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </Table.Body>
      </Table>
      {runs.length === 0 && (
        <Text size="small" className="text-ui-fg-subtle">
          No runs yet.
        </Text>
      )}
      <div className="flex items-center justify-between">
        <Text size="xsmall" className="text-ui-fg-subtle">
          {plural(data?.count ?? 0, "run")} kept
        </Text>
        <div className="flex gap-x-2">
          <Button
            size="small"
            variant="secondary"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            Newer
          </Button>
          <Button
            size="small"
            variant="secondary"
            disabled={offset + PAGE >= (data?.count ?? 0)}
            onClick={() => setOffset(offset + PAGE)}
          >
            Older
          </Button>
        </div>
      </div>
    </div>
  )
}
