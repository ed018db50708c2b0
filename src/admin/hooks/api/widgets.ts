import { useQuery } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type { CustomerActivityResponse } from "../../../types"

/**
 * A product's variants (id, title, SKU). The product page loads the
 * product without its variants (the dashboard asks for `-variants`), so a
 * widget that needs them reads them itself.
 */
export const useProductVariants = (productId: string) =>
  useQuery({
    queryKey: ["autopilot", "product-variants", productId],
    queryFn: () =>
      sdk.admin.product.listVariants(productId, {
        fields: "id,title,sku",
        limit: 100,
      }),
  })

/** One customer's back-in-stock signups, cart leads and opt-out (the customer widget). */
export const useCustomerActivity = (customerId: string) =>
  useQuery({
    queryKey: ["autopilot", "customer", customerId],
    queryFn: () =>
      sdk.client.fetch<CustomerActivityResponse>(
        `/admin/autopilot/customers/${customerId}`
      ),
  })
