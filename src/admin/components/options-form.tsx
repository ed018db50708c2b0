import {
  Button,
  Input,
  Label,
  Select,
  Switch,
  Text,
  Textarea,
  toast,
} from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useUpdateAutopilotJob } from "../hooks/api/autopilot"
import type { JobView, JsonSchema, Schedule } from "../../types"

type Draft = Record<string, unknown>

function typeOf(schema: JsonSchema): string {
  const t = Array.isArray(schema.type) ? schema.type[0] : schema.type
  return schema.enum ? "enum" : (t ?? "string")
}

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

/** An object option edited as JSON; kept as text until it parses. */
const JsonField = ({
  id,
  value,
  onChange,
}: {
  id: string
  value: unknown
  onChange: (value: unknown) => void
}) => {
  const [text, setText] = useState(JSON.stringify(value ?? {}, null, 2))
  const [invalid, setInvalid] = useState(false)
  return (
    <>
      <Textarea
        id={id}
        value={text}
        rows={3}
        className="font-mono"
        onChange={(e) => {
          setText(e.target.value)
          try {
            onChange(JSON.parse(e.target.value))
            setInvalid(false)
          } catch {
            setInvalid(true)
          }
        }}
      />
      {invalid && (
        <Text size="xsmall" className="text-ui-fg-error">
          Not valid JSON yet
        </Text>
      )}
    </>
  )
}

const Field = ({
  name,
  schema,
  value,
  onChange,
}: {
  name: string
  schema: JsonSchema
  value: unknown
  onChange: (value: unknown) => void
}) => {
  const id = `autopilot-option-${name}`
  const kind = typeOf(schema)
  return (
    <div className="flex flex-col gap-y-1">
      <Label htmlFor={id} size="small" weight="plus">
        {name}
      </Label>
      {schema.description && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {schema.description}
        </Text>
      )}
      {kind === "boolean" ? (
        <Switch id={id} checked={!!value} onCheckedChange={onChange} />
      ) : kind === "enum" ? (
        <Select value={String(value ?? "")} onValueChange={onChange}>
          <Select.Trigger id={id}>
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {schema.enum!.map((v) => (
              <Select.Item key={String(v)} value={String(v)}>
                {String(v)}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      ) : kind === "number" || kind === "integer" ? (
        <Input
          id={id}
          type="number"
          value={value === undefined || value === null ? "" : String(value)}
          min={schema.minimum}
          max={schema.maximum}
          onChange={(e) =>
            onChange(e.target.value === "" ? undefined : Number(e.target.value))
          }
        />
      ) : kind === "array" ? (
        <Input
          id={id}
          value={Array.isArray(value) ? value.join(", ") : ""}
          placeholder="comma-separated"
          onChange={(e) => {
            const parts = e.target.value
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
            const numeric = ["number", "integer"].includes(
              typeOf(schema.items ?? {})
            )
            onChange(numeric ? parts.map(Number) : parts)
          }}
        />
      ) : kind === "object" ? (
        <JsonField id={id} value={value} onChange={onChange} />
      ) : (
        <Input
          id={id}
          value={String(value ?? "")}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  )
}

/**
 * The job's schedule and options, as a form built from the job's option
 * schema. The server validates again and names any field it refuses.
 */
export const OptionsForm = ({ job }: { job: JobView }) => {
  const [draft, setDraft] = useState<Draft>(job.options)
  const [schedule, setSchedule] = useState(scheduleToText(job.schedule))
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    setDraft(job.options)
    setSchedule(scheduleToText(job.schedule))
  }, [job.options, job.schedule])

  const update = useUpdateAutopilotJob(job.name, {
    onSuccess: () => {
      setProblem(null)
      toast.success("Saved")
    },
    onError: (e) => setProblem(e.message),
  })
  const properties = Object.entries(job.options_schema.properties ?? {})

  return (
    <form
      className="flex flex-col gap-y-4"
      onSubmit={(e) => {
        e.preventDefault()
        update.mutate({ options: draft, schedule: textToSchedule(schedule) })
      }}
    >
      <div className="flex flex-col gap-y-1">
        <Label htmlFor="autopilot-schedule" size="small" weight="plus">
          Schedule
        </Label>
        <Text size="xsmall" className="text-ui-fg-subtle">
          A cron expression in UTC (e.g. */5 * * * *), or a number of seconds
          between runs.
        </Text>
        <Input
          id="autopilot-schedule"
          value={schedule}
          onChange={(e) => setSchedule(e.target.value)}
        />
      </div>
      {properties.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle">
          This job has no options of its own.
        </Text>
      ) : (
        properties.map(([name, schema]) => (
          <Field
            key={name}
            name={name}
            schema={schema}
            value={draft[name]}
            onChange={(value) => setDraft({ ...draft, [name]: value })}
          />
        ))
      )}
      {problem && (
        <Text
          size="small"
          className="text-ui-fg-error"
          data-testid="autopilot-options-error"
        >
          {problem}
        </Text>
      )}
      <div className="flex justify-end">
        <Button size="small" type="submit" isLoading={update.isPending}>
          Save
        </Button>
      </div>
    </form>
  )
}
