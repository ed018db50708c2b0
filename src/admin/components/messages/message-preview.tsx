import {
  Alert,
  Button,
  Heading,
  Label,
  Select,
  Tabs,
  Text,
  toast,
} from "@medusajs/ui"
import { useMessagePreview, useSendTestMessage } from "../../hooks/api/messages"
import type {
  MessageLocaleView,
  MessageTestResponse,
  MessageView,
} from "../../../types"

/** The toast after a test send: where it went and what the provider said. */
function announce(result: MessageTestResponse) {
  if (result.status === "failure") {
    toast.error("The provider did not send the test", {
      description: `To ${result.to}: ${result.provider_answer}`,
    })
    return
  }
  toast.success(
    result.status === "success"
      ? `Test sent to ${result.to}`
      : `Test handed to the provider for ${result.to}`,
    { description: result.provider_answer }
  )
}

/**
 * The selected message rendered with products of the shop's catalog: its
 * subject, the email in a sandboxed frame (no scripts, no same-origin
 * access), the plain-text part, a language switch and "Send test to me".
 */
export const MessagePreview = ({
  message,
  locales,
  locale,
  onLocaleChange,
}: {
  message: MessageView
  locales: MessageLocaleView[]
  locale: string
  onLocaleChange: (locale: string) => void
}) => {
  const { data, isLoading, isFetching, error } = useMessagePreview(
    message.name,
    locale
  )
  const send = useSendTestMessage({
    onSuccess: announce,
    onError: (e) =>
      toast.error("The test was not sent", { description: e.message }),
  })
  return (
    <div className="flex min-w-0 flex-col gap-y-4 px-6 py-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 flex-col gap-y-1">
          <Heading level="h2">{message.title}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {message.trigger}
          </Text>
        </div>
        <div className="flex items-end gap-x-2">
          <div className="flex w-40 flex-col gap-y-1">
            <Label htmlFor="message-locale" size="xsmall" weight="plus">
              Language
            </Label>
            <Select value={locale} onValueChange={onLocaleChange}>
              <Select.Trigger id="message-locale" data-testid="message-locale">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {locales.map((l) => (
                  <Select.Item key={l.code} value={l.code}>
                    {l.label}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
          <Button
            size="small"
            variant="secondary"
            isLoading={send.isPending}
            disabled={!data}
            onClick={() => send.mutate({ name: message.name, locale })}
          >
            Send test to me
          </Button>
        </div>
      </div>
      {message.provider_template && (
        <Alert variant="info">
          This message is mapped to your provider template "
          {message.provider_template}": your provider renders it from the
          message data and this content is not sent. A test uses the template
          too.
        </Alert>
      )}
      {error && <Alert variant="error">{error.message}</Alert>}
      {isLoading && <Text size="small">Rendering…</Text>}
      {data && (
        <div
          className="flex flex-col gap-y-3"
          aria-busy={isFetching}
          data-testid="message-preview"
        >
          <div className="flex flex-col gap-y-1">
            <Text size="xsmall" className="text-ui-fg-subtle">
              Subject
            </Text>
            <Text size="small" weight="plus" data-testid="message-subject">
              {data.subject}
            </Text>
            {data.sample_products.length > 0 && (
              <Text size="xsmall" className="text-ui-fg-subtle">
                Shown with products from your catalog:{" "}
                {data.sample_products.join(", ")}
              </Text>
            )}
          </div>
          <Tabs defaultValue="email">
            <Tabs.List>
              <Tabs.Trigger value="email">Email</Tabs.Trigger>
              <Tabs.Trigger value="text">Plain text</Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content value="email" className="pt-3">
              <iframe
                title={`${message.title} preview`}
                sandbox=""
                srcDoc={data.html}
                data-testid="message-frame"
                className="h-[640px] w-full rounded-lg border bg-white"
              />
            </Tabs.Content>
            <Tabs.Content value="text" className="pt-3">
              <pre
                data-testid="message-text"
                className="txt-compact-small bg-ui-bg-subtle max-h-[640px] overflow-auto whitespace-pre-wrap break-words rounded-lg border p-4 font-sans"
              >
                {data.text}
              </pre>
            </Tabs.Content>
          </Tabs>
        </div>
      )}
    </div>
  )
}
