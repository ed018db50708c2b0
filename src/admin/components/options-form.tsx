import { Button, Input, Label, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useSearchParams } from "react-router-dom"
import { useUpdateAutopilotJob } from "../hooks/api/autopilot"
import type { JobView, Schedule } from "../../types"
import { FieldView } from "./form/fields"
import { ReadinessNotice } from "./form/readiness"
import {
  checkForm,
  type FieldErrors,
  fieldErrorsFromMessage,
  focusField,
} from "./form/values"

type Draft = Record<string, unknown>

function scheduleToText(schedule: Schedule): string {
  if (typeof schedule === "string") return schedule
  if ("cron" in schedule) return schedule.cron
  return `${schedule.interval / 1000}`
}

/** A cron expression, or a bare number of seconds for an interval. */
function textToSchedule(text: string): Schedule {
  const trimmed = text.trim()
  return /^\d+$/.test(trimmed) ? { interval: Number(trimmed) * 1000 } : trimmed
}

/** The first field with an error, in the order the form shows them. */
function firstErrorPath(errors: FieldErrors): string | undefined {
  const paths = Object.keys(errors)
  const shown = Array.from(
    document.querySelectorAll<HTMLElement>("[data-field-path]")
  )
    .map((el) => el.dataset.fieldPath!)
    .find((p) => paths.includes(p))
  return shown ?? paths[0]
}

/**
 * The job's schedule and settings, as a form described by the server from
 * the job's option schema: labels, help lines, units and bounds come from
 * there. Errors show at their field, from the checks here and from the
 * server's answer. Saved secrets stay masked unless replaced.
 */
export const OptionsForm = ({ job }: { job: JobView }) => {
  const [draft, setDraft] = useState<Draft>(job.options)
  const [schedule, setSchedule] = useState(scheduleToText(job.schedule))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [problem, setProblem] = useState<string | null>(null)
  // Remounts the fields (which keep rows while typed) when the saved job changes.
  const [version, setVersion] = useState(0)
  useEffect(() => {
    setDraft(job.options)
    setSchedule(scheduleToText(job.schedule))
    setVersion((v) => v + 1)
  }, [job.options, job.schedule, job.updated_at])

  // Sent here by a refused switch (`?setup=options.url`): go to that field.
  const [params] = useSearchParams()
  const setup = params.get("setup")
  useEffect(() => {
    if (setup) setTimeout(() => focusField(setup), 100)
  }, [setup])

  const showErrors = (found: FieldErrors) => {
    setErrors(found)
    const first = firstErrorPath(found)
    // after the errors render
    if (first) setTimeout(() => focusField(first), 0)
  }

  const update = useUpdateAutopilotJob(job.name, {
    onSuccess: () => {
      setProblem(null)
      setErrors({})
      toast.success(`${job.title} settings saved`)
    },
    onError: (e) => {
      const found = fieldErrorsFromMessage(e.message)
      const shown = Object.keys(found).some((path) =>
        document.querySelector(`[data-field-path="${path}"]`)
      )
      if (shown) {
        setProblem("Some settings need a look: see the marked fields.")
        showErrors(found)
      } else {
        setProblem(e.message)
      }
    },
  })

  const fields = job.form?.fields ?? []

  return (
    <form
      className="flex flex-col gap-y-6"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        const found = checkForm(job.form, draft)
        if (!schedule.trim()) found.schedule = "Enter a schedule"
        if (Object.keys(found).length) {
          setProblem("Some settings need a look: see the marked fields.")
          showErrors(found)
          return
        }
        setErrors({})
        setProblem(null)
        // A top-level option emptied goes back to the plugin options.
        const options = Object.fromEntries(
          fields.map((f) => [
            f.key,
            draft[f.key] === undefined ? null : draft[f.key],
          ])
        )
        update.mutate({ options, schedule: textToSchedule(schedule) })
      }}
    >
      <ReadinessNotice job={job} />
      <div className="flex flex-col gap-y-1" data-field-path="schedule">
        <Label htmlFor="autopilot-schedule" size="small" weight="plus">
          Schedule
        </Label>
        <Text size="xsmall" className="text-ui-fg-subtle">
          A cron expression in UTC (*/5 * * * * is every 5 minutes), or a number
          of seconds between runs.
        </Text>
        <Input
          id="autopilot-schedule"
          size="small"
          className="w-72 font-mono"
          value={schedule}
          aria-invalid={!!errors.schedule}
          onChange={(e) => setSchedule(e.target.value)}
        />
        {errors.schedule && (
          <Text
            size="xsmall"
            className="text-ui-fg-error"
            data-testid="autopilot-field-error"
            data-error-path="schedule"
          >
            {errors.schedule}
          </Text>
        )}
      </div>
      {fields.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle">
          This job has no settings of its own.
        </Text>
      ) : (
        <div key={version} className="flex flex-col gap-y-6">
          {fields.map((field) => (
            <FieldView
              key={field.key}
              field={field}
              at={field.path}
              value={draft[field.key]}
              errors={errors}
              onChange={(value) => {
                const next = { ...draft }
                if (value === undefined) delete next[field.key]
                else next[field.key] = value
                setDraft(next)
              }}
            />
          ))}
        </div>
      )}
      <div className="flex items-center justify-end gap-x-3">
        {problem && (
          <Text
            size="small"
            className="text-ui-fg-error"
            data-testid="autopilot-options-error"
          >
            {problem}
          </Text>
        )}
        <Button
          size="small"
          type="submit"
          isLoading={update.isPending}
          data-testid="autopilot-save-settings"
        >
          Save
        </Button>
      </div>
    </form>
  )
}
