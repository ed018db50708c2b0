import { Alert, Container, Heading, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import { BrandingForm } from "../../../../components/messages/branding-form"
import { MessageList } from "../../../../components/messages/message-list"
import { MessagePreview } from "../../../../components/messages/message-preview"
import { useMessages } from "../../../../hooks/api/messages"

/**
 * Every message Autopilot sends: who gets it, what triggers it, a preview
 * in each language filled with the shop's own products, a test send to the
 * signed-in admin, and the branding all messages share.
 */
const MessagesPage = () => {
  const { data, isLoading, error } = useMessages()
  const [selected, setSelected] = useState<string | null>(null)
  const [locale, setLocale] = useState<string | null>(null)
  useEffect(() => {
    if (!data) return
    setSelected((s) => s ?? data.messages[0]?.name ?? null)
    setLocale((l) => l ?? data.default_locale)
  }, [data])
  const message = data?.messages.find((m) => m.name === selected)
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex flex-col gap-y-1 px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            <Link to="/settings/autopilot" className="hover:underline">
              Autopilot
            </Link>{" "}
            / Messages
          </Text>
          <Heading level="h1">Messages</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            What Autopilot sends to your customers and to you, through your
            notification provider. Each preview uses products from your catalog;
            send yourself a test to see it in your inbox.
          </Text>
        </div>
        {error && (
          <div className="px-6 py-4">
            <Alert variant="error">{error.message}</Alert>
          </div>
        )}
        {isLoading && <Text className="px-6 py-4">Loading…</Text>}
        {data && (
          <div className="grid grid-cols-1 divide-y lg:grid-cols-[minmax(260px,340px)_1fr] lg:divide-x lg:divide-y-0">
            <MessageList
              messages={data.messages}
              selected={selected}
              onSelect={setSelected}
            />
            {message && locale ? (
              <MessagePreview
                message={message}
                locales={data.locales}
                locale={locale}
                onLocaleChange={setLocale}
              />
            ) : (
              <Text size="small" className="px-6 py-4">
                Choose a message to preview it.
              </Text>
            )}
          </div>
        )}
      </Container>
      <Container className="p-0">
        <BrandingForm />
      </Container>
    </div>
  )
}

export default MessagesPage
