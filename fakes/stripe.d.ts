export type FakePaymentIntent = {
  id: string
  object: "payment_intent"
  amount: number
  currency: string
  capture_method: string
  status: string
  metadata: Record<string, string>
  payment_method: string | null
  payment_method_types: string[]
  last_payment_error: Record<string, unknown> | null
  [key: string]: unknown
}

export type FakeStripe = {
  url: string
  host: string
  port: number
  intents: Map<string, FakePaymentIntent>
  refunds: { payment_intent: string; amount: number }[]
  requests: {
    method: string
    path: string
    at: number
    intent: string | null
  }[]
  maxInFlight(): number
  setStatus(
    id: string,
    status:
      | "succeeded"
      | "requires_capture"
      | "requires_action"
      | "processing"
      | "canceled"
      | "failed"
  ): void
  rateLimit(count: number, retryAfterSeconds: number): void
  setDelay(ms: number): void
  reset(): void
  close(): Promise<void>
}

export function startFakeStripe(opts?: { port?: number }): Promise<FakeStripe>
export function parseForm(raw: string): Record<string, unknown>
