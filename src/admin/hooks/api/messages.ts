import {
  useMutation,
  type UseMutationOptions,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type {
  BrandingResponse,
  BrandingUpdate,
  MessageListResponse,
  MessagePreviewResponse,
  MessageTestResponse,
} from "../../../types"

export const messageKeys = {
  all: ["autopilot", "messages"] as const,
  list: () => [...messageKeys.all, "list"] as const,
  previews: () => [...messageKeys.all, "preview"] as const,
  preview: (name: string, locale: string) =>
    [...messageKeys.previews(), name, locale] as const,
  branding: () => ["autopilot", "branding"] as const,
}

/** Every message the plugin sends, with who gets it and what triggers it. */
export const useMessages = () =>
  useQuery({
    queryKey: messageKeys.list(),
    queryFn: () =>
      sdk.client.fetch<MessageListResponse>("/admin/autopilot/messages"),
  })

/** One message rendered with products of the shop's catalog. */
export const useMessagePreview = (name: string | null, locale: string) =>
  useQuery({
    queryKey: messageKeys.preview(name ?? "", locale),
    queryFn: () =>
      sdk.client.fetch<MessagePreviewResponse>(
        `/admin/autopilot/messages/${encodeURIComponent(name!)}/preview`,
        { query: { locale } }
      ),
    enabled: !!name,
    // While another language renders, the same message stays on screen.
    placeholderData: (previous) =>
      previous?.name === name ? previous : undefined,
  })

/** Sends a message to the signed-in admin through the shop's provider. */
export const useSendTestMessage = (
  options?: UseMutationOptions<
    MessageTestResponse,
    Error,
    { name: string; locale: string }
  >
) =>
  useMutation({
    ...options,
    mutationFn: ({ name, locale }) =>
      sdk.client.fetch<MessageTestResponse>(
        `/admin/autopilot/messages/${encodeURIComponent(name)}/test`,
        { method: "POST", body: { locale } }
      ),
  })

/** The shop's look in messages (H1's `/admin/autopilot/branding`). */
export const useBranding = () =>
  useQuery({
    queryKey: messageKeys.branding(),
    queryFn: () =>
      sdk.client.fetch<BrandingResponse>("/admin/autopilot/branding"),
  })

/** Saves the branding; every preview is rendered again afterwards. */
export const useUpdateBranding = (
  options?: UseMutationOptions<BrandingResponse, Error, BrandingUpdate>
) => {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (body) =>
      sdk.client.fetch<BrandingResponse>("/admin/autopilot/branding", {
        method: "POST",
        body,
      }),
    onSuccess: async (data, variables, context) => {
      queryClient.setQueryData(messageKeys.branding(), data)
      await queryClient.invalidateQueries({ queryKey: messageKeys.previews() })
      await options?.onSuccess?.(data, variables, context)
    },
  })
}
