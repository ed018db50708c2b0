import type { Timestamp } from "./common"
import type { RestockWaveSummary } from "./restock"

/** One variant of a product with its back-in-stock demand. */
export type ProductRestockVariant<D extends Timestamp = string> = {
  variant_id: string
  title: string | null
  sku: string | null
  /** Shoppers waiting for it to be back in stock. */
  waiting: number
  waiting_since: D | null
  /** Shoppers alerted so far, and how many of them then bought it. */
  alerted: number
  bought: number
  last_wave: RestockWaveSummary<D> | null
}

/** `GET /admin/autopilot/products/:id/restock`: the product page's widget. */
export type ProductRestockResponse<D extends Timestamp = string> = {
  product_id: string
  variants: ProductRestockVariant<D>[]
}
