import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type { OverviewResponse } from "../../../types"

/** What Autopilot did over the last `days` days (the overview on the Autopilot page). */
export const useAutopilotOverview = (days: number) =>
  useQuery({
    queryKey: ["autopilot", "overview", days],
    queryFn: () =>
      sdk.client.fetch<OverviewResponse>("/admin/autopilot/overview", {
        query: { days },
      }),
    // The figures of the previous period stay while the next one loads.
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  })
