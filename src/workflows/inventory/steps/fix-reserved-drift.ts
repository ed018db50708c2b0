import type { IInventoryService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type FixReservedDriftStepInput = {
  inventory_item_id: string
  location_id: string
}

export type ReservedDriftFix = {
  before: number
  after: number
  reservations_sum: number
}

type LevelAdjustment = {
  inventory_item_id: string
  location_id: string
  quantity: number
}

/**
 * The inventory module keeps `reserved_quantity` to itself (its update DTO
 * drops the field); the only way through the module to move it without
 * touching a reservation is the pair of methods its own reservation flows
 * use. They are public on the service but missing from the typed interface.
 */
type ReservedQuantityAdjuster = IInventoryService & {
  adjustInventoryLevelsForReservationsDeletion(
    r: LevelAdjustment[]
  ): Promise<void>
  adjustInventoryLevelsForReservationsRestore(
    r: LevelAdjustment[]
  ): Promise<void>
}

async function adjust(
  service: ReservedQuantityAdjuster,
  item: string,
  location: string,
  delta: number
) {
  if (delta === 0) return
  const r = [
    {
      inventory_item_id: item,
      location_id: location,
      quantity: Math.abs(delta),
    },
  ]
  if (delta > 0) await service.adjustInventoryLevelsForReservationsRestore(r)
  else await service.adjustInventoryLevelsForReservationsDeletion(r)
}

export const fixReservedDriftStepId = "fix-reserved-drift"

/**
 * Sets an inventory level's reserved quantity to the sum of its reservation
 * items, through the inventory module, under the lock Medusa's reservation
 * steps take for that inventory item. The state is read again inside the
 * lock, so a checkout that reserved meanwhile is counted. Rollback: applies
 * the opposite adjustment.
 *
 * @example
 * const fix = fixReservedDriftStep({ inventory_item_id: "iitem_1", location_id: "sloc_1" })
 */
export const fixReservedDriftStep = createStep(
  fixReservedDriftStepId,
  async (input: FixReservedDriftStepInput, { container }) => {
    const inventory = container.resolve(
      Modules.INVENTORY
    ) as ReservedQuantityAdjuster
    const locking = container.resolve(Modules.LOCKING)
    const fix = await locking.execute(input.inventory_item_id, async () => {
      const [level] = await inventory.listInventoryLevels({
        inventory_item_id: input.inventory_item_id,
        location_id: input.location_id,
      })
      const reservations = await inventory.listReservationItems(
        {
          inventory_item_id: input.inventory_item_id,
          location_id: input.location_id,
        },
        { take: null, select: ["quantity"] }
      )
      const sum = reservations.reduce((acc, r) => acc + Number(r.quantity), 0)
      const before = Number(level.reserved_quantity)
      await adjust(
        inventory,
        input.inventory_item_id,
        input.location_id,
        sum - before
      )
      return { before, after: sum, reservations_sum: sum }
    })
    return new StepResponse<
      ReservedDriftFix,
      FixReservedDriftStepInput & ReservedDriftFix
    >(fix, { ...input, ...fix })
  },
  async (undo, { container }) => {
    if (!undo) return
    const inventory = container.resolve(
      Modules.INVENTORY
    ) as ReservedQuantityAdjuster
    await adjust(
      inventory,
      undo.inventory_item_id,
      undo.location_id,
      undo.before - undo.after
    )
  }
)
