import { randomUUID } from "node:crypto"
import type {
  MedusaContainer,
  NotificationDTO,
} from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { NotificationName } from "../../catalog/notifications"
import { autopilotService } from "../../runtime/settings"
import type { MessageLocale } from "../../types/messages"
import type {
  MessageTestResponse,
  MessageTestStatus,
} from "../../types/messages-admin"
import { providerTemplate } from "./options"
import { previewMessage } from "./preview"

/** `trigger_type` of test sends, so they stand apart in Medusa's list. */
export const TEST_TRIGGER_TYPE = "medusa-plugin-autopilot.test"

export type TestSendInput = {
  name: NotificationName
  locale: MessageLocale | null
  /** `auth_context.actor_id` of the request; must be an admin user. */
  actorId: string | null | undefined
  actorType: string | null | undefined
}

/** Medusa prefixes a provider's error with its own words; keep the provider's. */
function providerReason(message: string): string {
  return message
    .replace(/^Failed to send notification with id \S+:\s*/i, "")
    .trim()
}

/**
 * What a test send tells the admin, from Medusa's notification row and the
 * error `createNotifications` threw (a provider's refusal), if any.
 */
export function answerFor(
  row: Pick<NotificationDTO, "status"> | undefined,
  error: string | null
): { status: MessageTestStatus; provider_answer: string } {
  const status = (row?.status ?? (error ? "failure" : "pending")) as
    MessageTestStatus | string
  if (status === "failure" || error) {
    return {
      status: "failure",
      provider_answer: error
        ? providerReason(error)
        : "The provider refused the message without a reason.",
    }
  }
  if (status === "success") {
    const externalId = (row as { external_id?: string | null }).external_id
    return {
      status: "success",
      provider_answer: externalId
        ? `Accepted by the provider (its message id: ${externalId}).`
        : "Accepted by the provider.",
    }
  }
  return {
    status: "pending",
    provider_answer: "Handed to the provider; no answer yet.",
  }
}

/** The signed-in admin user's email, or a 400 saying why there is none. */
async function adminEmail(
  container: MedusaContainer,
  input: Pick<TestSendInput, "actorId" | "actorType">
): Promise<{ id: string; email: string }> {
  if (input.actorType !== "user" || !input.actorId) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "A test message goes to the signed-in admin user's email: send it from the admin while signed in as a user, not with an API key"
    )
  }
  const user = await container
    .resolve(Modules.USER)
    .retrieveUser(input.actorId)
    .catch(() => null)
  if (!user?.email) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "The signed-in admin user has no email address to send a test to"
    )
  }
  return { id: user.id, email: user.email }
}

/**
 * Sends one message, rendered as the preview shows it, to the signed-in
 * admin through the shop's notification provider on the plugin's channel,
 * exactly as the plugin sends it for real: with the plugin's content, or —
 * when the merchant mapped the message to a provider template — with that
 * template and the data only. Each test is its own notification (a unique
 * idempotency key), so sending twice sends twice.
 *
 * A provider that refuses is an answer, not an error of this call: the
 * result says `failure` and why. Only a wrong request (unknown message,
 * no admin user) throws.
 */
export async function sendTestMessage(
  container: MedusaContainer,
  input: TestSendInput
): Promise<MessageTestResponse> {
  const recipient = await adminEmail(container, input)
  const options = await autopilotService(container).getOptions()
  const preview = await previewMessage(container, {
    name: input.name,
    locale: input.locale,
  })
  const template = providerTemplate(options, input.name)
  const idempotencyKey = `autopilot-test:${input.name}:${randomUUID()}`
  const notifications = container.resolve(Modules.NOTIFICATION)
  let error: string | null = null
  try {
    await notifications.createNotifications({
      to: recipient.email,
      channel: options.notificationChannel,
      template: template ?? input.name,
      data: {
        ...preview.data,
        locale: preview.locale,
        notification_name: input.name,
        autopilot_test: true,
      },
      ...(template
        ? {}
        : {
            content: {
              subject: preview.subject,
              html: preview.html,
              text: preview.text,
            },
          }),
      idempotency_key: idempotencyKey,
      trigger_type: TEST_TRIGGER_TYPE,
      receiver_id: recipient.id,
      resource_type: "user",
      resource_id: recipient.id,
    })
  } catch (e) {
    error = (e as Error).message
  }
  const [row] = await notifications.listNotifications(
    // The module filters on idempotency_key; its filter type does not list it.
    { idempotency_key: idempotencyKey } as Record<string, unknown>,
    { take: 1 }
  )
  return {
    to: recipient.email,
    locale: preview.locale,
    notification_id: row?.id ?? null,
    provider_template: template,
    ...answerFor(row, error),
  }
}
