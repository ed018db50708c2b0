import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  PaymentSessionStatus,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import {
  AbstractPaymentProvider,
  MedusaError,
  PaymentActions,
} from "@medusajs/framework/utils"
import axios, { type AxiosInstance } from "axios"

export type SandboxPaymentOptions = {
  /** Base URL of the sandbox provider's HTTP API. */
  baseUrl: string
  /** Per-request timeout (default 5000 ms). */
  timeoutMs?: number
}

type RemotePayment = { id: string; status: string; amount: number }

/**
 * How the sandbox provider's payment statuses map to Medusa's session
 * statuses: `paid` means authorized (capture later), `captured` means taken.
 */
const STATUS: Record<string, PaymentSessionStatus> = {
  pending: "pending",
  requires_action: "requires_more",
  processing: "pending_authorization",
  paid: "authorized",
  captured: "captured",
  failed: "error",
  canceled: "canceled",
  expired: "canceled",
}

/**
 * A payment provider for the demo shop and the tests — not for production.
 * It behaves like an external provider reached over HTTP: a session stays
 * pending until the sandbox server marks it paid or failed, exactly the
 * "customer paid and never came back" case payment recovery handles.
 * Register it only in the demo or a test host config.
 */
export default class SandboxPaymentProviderService extends AbstractPaymentProvider<SandboxPaymentOptions> {
  static identifier = "autopilot-sandbox"

  protected readonly http: AxiosInstance

  static validateOptions(options: Record<string, unknown>): void {
    if (
      typeof options.baseUrl !== "string" ||
      !/^https?:\/\//.test(options.baseUrl)
    ) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "autopilot-sandbox payment provider: option baseUrl must be an http(s) URL"
      )
    }
  }

  constructor(
    container: Record<string, unknown>,
    options: SandboxPaymentOptions
  ) {
    super(container, options)
    this.http = axios.create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs ?? 5000,
      // The body is parsed below, so a malformed answer is an error, not a string.
      transformResponse: [(raw) => raw],
    })
  }

  private async call<T>(
    method: "get" | "post",
    path: string,
    body?: Record<string, unknown>
  ): Promise<T> {
    const res = await this.http
      .request({ method, url: path, data: body })
      .catch(
        (e: {
          response?: { status: number; headers: Record<string, unknown> }
        }) => {
          // Rate limited: the error says when to ask again, and the
          // payment-recovery job reads "Retry-After: N" from it.
          const retryAfter = e.response?.headers?.["retry-after"]
          if (e.response?.status === 429 && retryAfter !== undefined) {
            throw new MedusaError(
              MedusaError.Types.UNEXPECTED_STATE,
              `autopilot-sandbox: rate limited (Retry-After: ${String(retryAfter)})`
            )
          }
          throw e
        }
      )
    try {
      return JSON.parse(res.data as string) as T
    } catch {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `autopilot-sandbox: malformed answer to ${method.toUpperCase()} ${path}`
      )
    }
  }

  private paymentId(data: Record<string, unknown> | undefined): string {
    const id = data?.id
    if (typeof id !== "string") {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "autopilot-sandbox: the session has no provider payment id"
      )
    }
    return id
  }

  private async status(data: Record<string, unknown> | undefined) {
    const remote = await this.call<RemotePayment>(
      "get",
      `/v1/payments/${this.paymentId(data)}`
    )
    const status = STATUS[remote.status]
    if (!status) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `autopilot-sandbox: unknown payment status "${remote.status}"`
      )
    }
    return {
      status,
      data: { ...data, id: remote.id, remote_status: remote.status },
    }
  }

  async initiatePayment(
    input: InitiatePaymentInput
  ): Promise<InitiatePaymentOutput> {
    const remote = await this.call<RemotePayment>("post", "/v1/payments", {
      amount: Number(input.amount),
      currency: input.currency_code,
      reference: (input.data?.session_id as string | undefined) ?? null,
    })
    return { id: remote.id, data: { id: remote.id } }
  }

  async authorizePayment(
    input: AuthorizePaymentInput
  ): Promise<AuthorizePaymentOutput> {
    // As with Stripe, authorizing is reading the status the customer left
    // at the provider: nothing is charged here.
    return this.status(input.data)
  }

  async getPaymentStatus(
    input: GetPaymentStatusInput
  ): Promise<GetPaymentStatusOutput> {
    return this.status(input.data)
  }

  async capturePayment(
    input: CapturePaymentInput
  ): Promise<CapturePaymentOutput> {
    const remote = await this.call<RemotePayment>(
      "post",
      `/v1/payments/${this.paymentId(input.data)}/capture`
    )
    return { data: { ...input.data, remote_status: remote.status } }
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    await this.call(
      "post",
      `/v1/payments/${this.paymentId(input.data)}/refunds`,
      {
        amount: Number(input.amount),
      }
    )
    return { data: input.data }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    await this.call("post", `/v1/payments/${this.paymentId(input.data)}/cancel`)
    return { data: input.data }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: input.data }
  }

  async retrievePayment(
    input: RetrievePaymentInput
  ): Promise<RetrievePaymentOutput> {
    return { data: (await this.status(input.data)).data }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    return { data: input.data }
  }

  /** `{ type: "payment.succeeded" | "payment.failed", data: { session_id, amount } }` */
  async getWebhookActionAndData(
    payload: ProviderWebhookPayload["payload"]
  ): Promise<WebhookActionResult> {
    const event = payload.data as {
      type?: string
      data?: { session_id?: string; amount?: number }
    }
    const data = {
      session_id: event.data?.session_id ?? "",
      amount: event.data?.amount ?? 0,
    }
    switch (event.type) {
      case "payment.succeeded":
        return { action: PaymentActions.AUTHORIZED, data }
      case "payment.captured":
        return { action: PaymentActions.SUCCESSFUL, data }
      case "payment.failed":
        return { action: PaymentActions.FAILED, data }
      default:
        return { action: PaymentActions.NOT_SUPPORTED }
    }
  }
}
