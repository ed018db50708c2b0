import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { readProductRestock } from "../../../../../../runtime/product-restock"
import type { ProductRestockResponse } from "../../../../../../types"
import { AdminProductRestockParams } from "../../validators"

/**
 * Back-in-stock demand of each variant of a product (waiting, alerted,
 * bought, last wave), for the product page's widget.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse<ProductRestockResponse<Date>>
) => {
  const params = AdminProductRestockParams.safeParse(req.params)
  if (!params.success) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `id: ${params.error.issues[0]?.message ?? "invalid"}`
    )
  }
  res.json(await readProductRestock(req.scope, params.data.id))
}
