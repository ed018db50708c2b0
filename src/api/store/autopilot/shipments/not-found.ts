import { MedusaError } from "@medusajs/framework/utils"

/**
 * The one answer for every miss of the shipment routes (404): an unknown,
 * expired or foreign token, an unknown order or a wrong email alike.
 */
export function noShipment(): MedusaError {
  return new MedusaError(
    MedusaError.Types.NOT_FOUND,
    "No shipment matches these details"
  )
}
