import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type ReadPaymentStatusStepInput = {
  payment_session_id: string
  cart_id: string
}

export type PaymentStatusReading = {
  /** The session status after asking the provider. */
  status: string
  payment_id: string | null
  provider_reference: string | null
}

export const readPaymentStatusStepId = "read-payment-status"

/** Statuses the payment module leaves on a session it refused to authorize. */
const SETTLED_REFUSALS = ["pending", "requires_more", "error", "canceled"]

/**
 * Asks the provider for the real status of a payment session through the
 * payment module's authorization, which for allow-listed providers is a pure
 * status read (it charges nothing; an authorized or captured payment is
 * recorded as a Payment). Runs under the cart's lock — the key Medusa's
 * webhook path and cart completion use — so it never races them.
 * Provider errors (timeouts, 500s, malformed answers) are thrown.
 * No compensation: what the provider says cannot be unsaid.
 *
 * @example
 * const reading = readPaymentStatusStep({ payment_session_id, cart_id })
 */
export const readPaymentStatusStep = createStep(
  readPaymentStatusStepId,
  async (input: ReadPaymentStatusStepInput, { container }) => {
    const payments = container.resolve(Modules.PAYMENT)
    const locking = container.resolve(Modules.LOCKING)
    const reading = await locking.execute(
      input.cart_id,
      async (): Promise<PaymentStatusReading> => {
        let paymentId: string | null = null
        try {
          const payment = await payments.authorizePaymentSession(
            input.payment_session_id,
            {}
          )
          paymentId = payment?.id ?? null
        } catch (e) {
          const session = await payments.retrievePaymentSession(
            input.payment_session_id
          )
          const refused =
            e instanceof MedusaError &&
            e.type === MedusaError.Types.NOT_ALLOWED &&
            SETTLED_REFUSALS.includes(session.status)
          if (!refused) throw e
        }
        const session = await payments.retrievePaymentSession(
          input.payment_session_id
        )
        const reference = (session.data as { id?: unknown } | null)?.id
        return {
          status: session.status,
          payment_id: paymentId,
          provider_reference: typeof reference === "string" ? reference : null,
        }
      },
      { timeout: 30 }
    )
    return new StepResponse(reading)
  }
)
