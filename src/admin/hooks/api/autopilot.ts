import {
  useMutation,
  type UseMutationOptions,
  useQueries,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type {
  CancelRunResponse,
  CartLeadListResponse,
  InventoryFindingListResponse,
  InventoryFindingResponse,
  ItemRetryListResponse,
  JobListResponse,
  JobResponse,
  JobView,
  PaymentRecoveryListResponse,
  PaymentRecoveryResponse,
  RestockDemandListResponse,
  RetryJobItemsResponse,
  RunListResponse,
  RunResponse,
  Schedule,
  TrackedShipmentListResponse,
} from "../../../types"

export const autopilotKeys = {
  all: ["autopilot"] as const,
  jobs: () => [...autopilotKeys.all, "jobs"] as const,
  job: (name: string) => [...autopilotKeys.jobs(), name] as const,
  runs: (name: string, page: { limit: number; offset: number }) =>
    [...autopilotKeys.job(name), "runs", page] as const,
  run: (id: string) => [...autopilotKeys.all, "run", id] as const,
}

const isActive = (job?: JobView) => !!job?.current_run

/** Every job; polls every 2 s while any job is queued or running. */
export const useAutopilotJobs = () =>
  useQuery({
    queryKey: autopilotKeys.jobs(),
    queryFn: () => sdk.client.fetch<JobListResponse>("/admin/autopilot/jobs"),
    refetchInterval: (query) =>
      query.state.data?.jobs.some(isActive) ? 2000 : 15000,
  })

export const useAutopilotJob = (name: string) =>
  useQuery({
    queryKey: autopilotKeys.job(name),
    queryFn: () =>
      sdk.client.fetch<JobResponse>(`/admin/autopilot/jobs/${name}`),
    refetchInterval: (query) =>
      isActive(query.state.data?.job) ? 2000 : 15000,
  })

export const useAutopilotRuns = (
  name: string,
  page: { limit: number; offset: number },
  live: boolean
) =>
  useQuery({
    queryKey: autopilotKeys.runs(name, page),
    queryFn: () =>
      sdk.client.fetch<RunListResponse>(`/admin/autopilot/jobs/${name}/runs`, {
        query: page,
      }),
    refetchInterval: live ? 2000 : 15000,
  })

export type UpdateJobBody = {
  enabled?: boolean
  paused_until?: string | null
  schedule?: Schedule | null
  options?: Record<string, unknown>
}

export const useUpdateAutopilotJob = (
  name: string,
  options?: UseMutationOptions<JobResponse, Error, UpdateJobBody>
) => {
  const queryClient = useQueryClient()
  return useMutation({
    // Spread first: the caller's onSuccess must not replace the invalidation.
    ...options,
    mutationFn: (body: UpdateJobBody) =>
      sdk.client.fetch<JobResponse>(`/admin/autopilot/jobs/${name}`, {
        method: "POST",
        body,
      }),
    onSuccess: async (data, variables, context) => {
      await queryClient.invalidateQueries({ queryKey: autopilotKeys.all })
      options?.onSuccess?.(data, variables, context)
    },
  })
}

export const useRunAutopilotJob = (
  name: string,
  options?: UseMutationOptions<RunResponse, Error, { dry_run: boolean }>
) => {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (body: { dry_run: boolean }) =>
      sdk.client.fetch<RunResponse>(`/admin/autopilot/jobs/${name}/run`, {
        method: "POST",
        body,
      }),
    onSuccess: async (data, variables, context) => {
      await queryClient.invalidateQueries({ queryKey: autopilotKeys.all })
      options?.onSuccess?.(data, variables, context)
    },
  })
}

export const usePaymentRecoveries = (query: Record<string, string>) =>
  useQuery({
    queryKey: [...autopilotKeys.all, "payment-recoveries", query],
    queryFn: () =>
      sdk.client.fetch<PaymentRecoveryListResponse>(
        "/admin/autopilot/payment-recoveries",
        { query }
      ),
  })

export const useDismissPaymentRecovery = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<PaymentRecoveryResponse>(
        `/admin/autopilot/payment-recoveries/${id}/dismiss`,
        { method: "POST", body: {} }
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: autopilotKeys.all }),
  })
}

export const useJobItems = (name: string, status: string) =>
  useQuery({
    queryKey: [...autopilotKeys.job(name), "items", status],
    queryFn: () =>
      sdk.client.fetch<ItemRetryListResponse>(
        `/admin/autopilot/jobs/${name}/items`,
        { query: status === "all" ? {} : { status } }
      ),
  })

export const useRetryJobItems = (name: string) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (itemIds?: string[]) =>
      sdk.client.fetch<RetryJobItemsResponse>(
        `/admin/autopilot/jobs/${name}/items/retry`,
        { method: "POST", body: itemIds ? { item_ids: itemIds } : {} }
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: autopilotKeys.job(name) }),
  })
}

export const useInventoryFindings = (query: Record<string, string>) =>
  useQuery({
    queryKey: [...autopilotKeys.all, "inventory-findings", query],
    queryFn: () =>
      sdk.client.fetch<InventoryFindingListResponse>(
        "/admin/autopilot/inventory-findings",
        { query }
      ),
  })

export const useFixInventoryFinding = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<InventoryFindingResponse>(
        `/admin/autopilot/inventory-findings/${id}/fix`,
        { method: "POST", body: {} }
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: autopilotKeys.all }),
  })
}

/**
 * Back-in-stock demand of each of these variants, one request per variant
 * (a product has few). `demand` holds the variants with shoppers waiting.
 */
export const useRestockDemandForVariants = (variantIds: string[]) =>
  useQueries({
    queries: variantIds.map((variantId) => ({
      queryKey: [...autopilotKeys.all, "restock-demand", variantId],
      queryFn: () =>
        sdk.client.fetch<RestockDemandListResponse>(
          "/admin/autopilot/restock-demand",
          { query: { variant_id: variantId } }
        ),
    })),
    combine: (results) => ({
      demand: results.flatMap((r) => r.data?.restock_demand ?? []),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  })

/**
 * Where the whole demand list (up to the API's 10,000 variants) downloads as
 * CSV; a plain link works because the session cookie authenticates it.
 */
export const restockDemandCsvUrl = () =>
  `${(__BACKEND_URL__ || "").replace(/\/+$/, "")}/admin/autopilot/restock-demand?format=csv&limit=10000`

/** Leads of abandoned carts (`status`, `q`: part of the email, `limit`, `offset`). */
/**
 * Leads, with the filters in the body of `POST /admin/autopilot/leads/search`
 * so a searched email never appears in a URL (access logs keep URLs).
 */
export const useCartLeads = (filters: CartLeadFilters) =>
  useQuery({
    queryKey: [...autopilotKeys.all, "leads", filters],
    queryFn: () =>
      sdk.client.fetch<CartLeadListResponse>("/admin/autopilot/leads/search", {
        method: "POST",
        body: filters,
      }),
  })

export type CartLeadFilters = {
  status?: string
  q?: string
  limit?: number
  offset?: number
}

/**
 * Downloads the matching leads as CSV: posted like the search (the session
 * cookie authenticates it), saved through a temporary link.
 */
export async function downloadCartLeadsCsv(
  filters: CartLeadFilters
): Promise<void> {
  const base = (__BACKEND_URL__ || "").replace(/\/+$/, "")
  const res = await fetch(`${base}/admin/autopilot/leads/search`, {
    method: "POST",
    credentials: "include",
    headers: { "content-type": "application/json", accept: "text/csv" },
    body: JSON.stringify({ ...filters, format: "csv" }),
  })
  if (!res.ok) throw new Error(`The download failed (${res.status}).`)
  const url = URL.createObjectURL(await res.blob())
  const link = document.createElement("a")
  link.href = url
  link.download = `autopilot-leads${filters.status ? `-${filters.status}` : ""}.csv`
  document.body.appendChild(link)
  link.click()
  link.remove()
  URL.revokeObjectURL(url)
}
/** Parcels the shipment-tracking job follows (with `order_id`: with their timelines). */
export const useTrackedShipments = (query: Record<string, string>) =>
  useQuery({
    queryKey: [...autopilotKeys.all, "shipments", query],
    queryFn: () =>
      sdk.client.fetch<TrackedShipmentListResponse>(
        "/admin/autopilot/shipments",
        { query }
      ),
  })

/** "Stop" for a queued or running run. */
export const useCancelAutopilotRun = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<CancelRunResponse>(
        `/admin/autopilot/runs/${id}/cancel`,
        { method: "POST", body: {} }
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: autopilotKeys.all })
    },
  })
}

/** "Send next reminder now" for one lead: queues a one-off run. */
export const useRemindLeadNow = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (leadId: string) =>
      sdk.client.fetch<RunResponse>(`/admin/autopilot/leads/${leadId}/remind`, {
        method: "POST",
        body: {},
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: autopilotKeys.all })
    },
  })
}
