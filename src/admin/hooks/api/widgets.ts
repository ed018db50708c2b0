import { useQuery } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type {
  CustomerActivityResponse,
  ProductRestockResponse,
} from "../../../types"

/**
 * Back-in-stock demand of each variant of a product. The product page
 * loads the product without its variants (the dashboard asks for
 * `-variants`), so the route reads them with the demand.
 */
export const useProductRestock = (productId: string) =>
  useQuery({
    queryKey: ["autopilot", "product-restock", productId],
    queryFn: () =>
      sdk.client.fetch<ProductRestockResponse>(
        `/admin/autopilot/products/${productId}/restock`
      ),
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
