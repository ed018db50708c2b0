import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { AUTOPILOT_MODULE } from "../modules/autopilot"
import type { AutopilotOptions } from "../modules/autopilot/options"
import type AutopilotModuleService from "../modules/autopilot/service"
import {
  BRANDING_FIELDS,
  type Branding,
  type BrandingOverride,
  type BrandingResponse,
  type BrandingUpdate,
} from "../types/messages"
import { DEFAULT_ACCENT_COLOR } from "./schema"

/** The plugin's state key the admin's branding changes are kept under. */
export const BRANDING_STATE_KEY = "messages:branding"

function service(container: MedusaContainer) {
  return container.resolve<AutopilotModuleService>(AUTOPILOT_MODULE)
}

/** The `branding` option with its defaults filled in. */
export function brandingFromOptions(
  options: Pick<AutopilotOptions, "branding">
): Branding {
  const b = options.branding ?? {}
  return {
    shop_name: b.shop_name ?? null,
    logo_url: b.logo_url ?? null,
    accent_color: b.accent_color ?? DEFAULT_ACCENT_COLOR,
    support_email: b.support_email ?? null,
    footer_address: b.footer_address ?? null,
  }
}

function cleanOverride(value: unknown): BrandingOverride {
  const out: BrandingOverride = {}
  if (!value || typeof value !== "object") return out
  for (const field of BRANDING_FIELDS) {
    const v = (value as Record<string, unknown>)[field]
    if (typeof v === "string" && v) out[field] = v
  }
  return out
}

/** The admin's stored changes. */
export async function loadBrandingOverride(
  container: MedusaContainer
): Promise<BrandingOverride> {
  const [row] = await service(container).listStates({
    key: BRANDING_STATE_KEY,
  })
  return cleanOverride(row?.value)
}

/** The branding messages use: the option, with the admin's changes over it. */
export async function loadBranding(
  container: MedusaContainer,
  options: Pick<AutopilotOptions, "branding">
): Promise<Branding> {
  return (await brandingState(container, options)).branding
}

/** Medusa's name for a store nobody named. */
const MEDUSA_DEFAULT_STORE_NAME = "Medusa Store"

/** The name the merchant gave the store in Medusa (Settings → Store), if any. */
async function storeName(container: MedusaContainer): Promise<string | null> {
  try {
    const [store] = await container
      .resolve(Modules.STORE)
      .listStores({}, { select: ["name"], take: 1 })
    const name = store?.name?.trim()
    return name && name !== MEDUSA_DEFAULT_STORE_NAME ? name : null
  } catch {
    return null
  }
}

/**
 * What the admin shows: in force, from the option, and the admin's
 * changes. Without a shop name in either, messages use the store's name in
 * Medusa, else the storefront's host.
 */
export async function brandingState(
  container: MedusaContainer,
  options: Pick<AutopilotOptions, "branding">
): Promise<BrandingResponse> {
  const option = brandingFromOptions(options)
  const override = await loadBrandingOverride(container)
  const branding = { ...option, ...override }
  branding.shop_name ??= await storeName(container)
  return { branding, option, override }
}

/**
 * Applies the admin's changes (validated by the route): a string sets the
 * field, null drops the change so the option applies again, a missing
 * field is left as it is.
 */
export async function saveBrandingOverride(
  container: MedusaContainer,
  update: BrandingUpdate
): Promise<BrandingOverride> {
  const svc = service(container)
  const [row] = await svc.listStates({ key: BRANDING_STATE_KEY })
  const next = cleanOverride(row?.value)
  for (const field of BRANDING_FIELDS) {
    const value = update[field]
    if (value === null) delete next[field]
    else if (typeof value === "string") next[field] = value
  }
  // Every field written, null where the option applies: Medusa merges a
  // JSON column on update, so a key left out would keep its old value.
  const value = Object.fromEntries(
    BRANDING_FIELDS.map((field) => [field, next[field] ?? null])
  )
  if (row) {
    await svc.updateStates({ id: row.id, value })
  } else {
    await svc
      .createStates({ key: BRANDING_STATE_KEY, value })
      .catch(async () => {
        // Saved at the same moment by another request: update that row.
        const [again] = await svc.listStates({ key: BRANDING_STATE_KEY })
        if (!again) {
          throw new MedusaError(
            MedusaError.Types.CONFLICT,
            "The branding could not be saved; try again"
          )
        }
        await svc.updateStates({ id: again.id, value })
      })
  }
  return next
}
