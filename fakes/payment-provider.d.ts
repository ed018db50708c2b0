export type FakePayment = {
  id: string
  status: string
  amount: number
  currency: string
  reference: string | null
  created: string
  refunded: number
}

export type FakePaymentProvider = {
  url: string
  payments: Map<string, FakePayment>
  refunds: { payment_id: string; amount: number }[]
  requests: { method: string; path: string }[]
  setStatus(id: string, status: string): void
  injectFault(mode: "timeout" | "500" | "malformed", count?: number): void
  clearFaults(): void
  close(): Promise<void>
}

export function startFakePaymentProvider(opts?: {
  port?: number
  /**
   * A JSON file the payments are loaded from at start (when it exists) and
   * written to after every change, so they survive restarts.
   */
  stateFile?: string
}): Promise<FakePaymentProvider>
